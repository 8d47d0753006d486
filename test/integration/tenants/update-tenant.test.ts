import { setTimeout as sleep } from 'node:timers/promises';
import { buildPkcs12, testChain, testLeaf } from '@sello/signing/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { aMember, signIn } from '../../support/staff.ts';

const api = await startApi();

const patch = (key: string, body: unknown, headers: Record<string, string> = {}) =>
  api.call('PATCH', '/v1/tenant', { key, body, headers });
const read = async (key: string) => (await api.call('GET', '/v1/tenant', { key })).json;
const line = {
  description: 'Servicio',
  quantity: '1',
  unitPrice: '100.00',
  taxes: [{ type: 'IVA', rate: '21' }],
};

async function issueOne(key: string) {
  const customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  const draft = (
    await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: [line] } })
  ).json;
  const issued = await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key });
  expect(issued.status, issued.text).toBe(200);
  return issued.json;
}

describe('PATCH /v1/tenant', () => {
  let key: string;
  beforeAll(async () => {
    ({ key } = await createTenant('Talleres Núñez SL'));
  });

  it('changes the company data, versions it and answers it as GET does', async () => {
    const before = await api.call('GET', '/v1/tenant', { key });
    expect(before.json.version).toBe(1);
    expect(before.headers.get('etag')).toBe('"v1"');
    const res = await patch(key, {
      name: 'Talleres Núñez e Hijos, S.L.',
      email: 'admin@nunez.example',
      phone: '+34 912 345 678',
      address: { line1: 'Calle Mayor 10', city: 'Alcalá', postalCode: '28801', country: 'ES' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.headers.get('etag')).toBe('"v2"');
    expect(res.json).toMatchObject({
      name: 'Talleres Núñez e Hijos, S.L.',
      taxId: 'B12345674',
      email: 'admin@nunez.example',
      phone: '+34 912 345 678',
      address: { line1: 'Calle Mayor 10', city: 'Alcalá', postalCode: '28801', country: 'ES' },
      language: 'es',
      timezone: 'Europe/Madrid',
      version: 2,
      // Same tax id: the operator's word for it stands.
      taxIdVerified: true,
      taxIdProof: { method: 'operator' },
    });
    expect(res.json.updatedAt).toBeDefined();
    expect(await read(key)).toEqual(res.json);

    const removed = await patch(key, { phone: null, language: 'ca' });
    expect(removed.json.phone).toBeUndefined();
    expect(removed.json.language).toBe('ca');
    expect(removed.json.version).toBe(3);
  });

  it('refuses a bad NIF, time zone or field, naming it, and writes nothing', async () => {
    const { key: own } = await createTenant();
    const bad = async (body: unknown) => {
      const res = await patch(own, body);
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return res.json.errors.map((e: { path: string }) => e.path);
    };
    expect(await bad({ taxId: 'B12345670', name: 'Otro nombre' })).toEqual(['taxId']);
    expect(await bad({ timezone: 'Europe/Atlantis' })).toEqual(['timezone']);
    expect(await bad({ email: 'not an e-mail' })).toEqual(['email']);
    expect(await bad({ phone: 'call me' })).toEqual(['phone']);
    expect(await bad({ name: 'A\u000bB' })).toEqual(['name']);
    expect(
      await bad({ address: { line1: 'X', city: 'Y', postalCode: '1', country: 'Spain' } }),
    ).toEqual(['address.country']);
    expect(
      await bad({ address: { line1: 'X', city: 'Y', postalCode: '1', country: 'PT' } }),
    ).toEqual(['taxId']);
    expect(await bad({ plan: 'gold' })).toHaveLength(1);
    expect(await bad({})).toHaveLength(1);
    const after = await read(own);
    expect(after).toMatchObject({ name: expect.stringMatching(/^Tenant/), version: 1 });
    expect(after.updatedAt).toBeUndefined();
  });

  it('is for owners and admins: 403 for a technician, read-only member or accountant', async () => {
    const { key: own, tenantId } = await createTenant();
    for (const role of ['technician', 'readOnly', 'accountant'] as const) {
      const member = await aMember(tenantId, role);
      const { accessToken } = await signIn(api, member.email);
      const res = await patch(accessToken, { name: `Por ${role}` });
      expect(res.status, role).toBe(403);
      expect(res.json.type).toBe('urn:sello:problem:forbidden');
      // …who may still read it.
      expect((await api.call('GET', '/v1/tenant', { key: accessToken })).status).toBe(200);
    }
    const admin = await aMember(tenantId, 'admin');
    const { accessToken } = await signIn(api, admin.email);
    expect((await patch(accessToken, { name: 'Por la administración' })).status).toBe(200);
    expect((await read(own)).name).toBe('Por la administración');
  });

  it('answers 412 to a stale If-Match, so two editors never overwrite each other', async () => {
    const { key: own } = await createTenant();
    const first = await patch(own, { name: 'Primera' }, { 'if-match': '"v1"' });
    expect(first.status).toBe(200);
    const second = await patch(own, { email: 'segunda@example.es' }, { 'if-match': '"v1"' });
    expect(second.status).toBe(412);
    expect((await read(own)).email).toBe('billing@example.es');
    // Concurrent patches without If-Match each apply to what is current: none is lost.
    const fields = ['line1', 'city', 'postalCode'];
    await Promise.all([
      patch(own, { phone: '+34 600 000 001' }),
      patch(own, { language: 'en' }),
      patch(own, { email: 'tercera@example.es' }),
    ]);
    const now = await read(own);
    expect(now).toMatchObject({
      name: 'Primera',
      phone: '+34 600 000 001',
      language: 'en',
      email: 'tercera@example.es',
      version: 5,
    });
    expect(Object.keys(now.address)).toEqual(expect.arrayContaining(fields));
  });

  it('drops the proof of an old tax id, even an operator’s, and the certificate proves a new one', async () => {
    const { key: own } = await createTenant();
    const moved = await patch(own, { taxId: 'a-58818501' });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json).toMatchObject({ taxId: 'A58818501', taxIdVerified: false });
    expect(moved.json.taxIdProof).toBeUndefined();
    // The same tax id typed another way is no change.
    const same = await patch(own, { taxId: 'A 58818501' });
    expect(same.json.taxIdVerified).toBe(false);
    expect(same.json.version).toBe(3);

    // A tenant whose signing certificate names the new tax id has it proven at once.
    const { key: signed } = await createTenant();
    const { ca } = testChain();
    const holder = testLeaf(ca, {
      commonName: 'DISTRIBUCIONES SA - A58818501',
      subjectSerial: 'VATES-A58818501',
      organization: 'DISTRIBUCIONES SA',
    });
    const pkcs12 = buildPkcs12({
      keys: [holder.keyDer],
      certificates: [holder.der, ca.der],
      password: 'secreto-1',
      profile: 'aes',
    });
    const upload = await api.call('PUT', '/v1/signing-certificate', {
      key: signed,
      body: { pkcs12, password: 'secreto-1' },
    });
    expect(upload.status, upload.text).toBe(200);
    const proven = await patch(signed, { taxId: 'A58818501' });
    expect(proven.json).toMatchObject({
      taxId: 'A58818501',
      taxIdVerified: true,
      taxIdProof: { method: 'certificate' },
    });
  });

  it('refuses a new tax id or country once an invoice was issued (409 naming taxId); issued invoices keep the old issuer', async () => {
    const { key: own } = await createTenant('Antes SL');
    const invoice = await issueOne(own);
    const refused = await patch(own, { taxId: 'A58818501' });
    expect(refused.status).toBe(409);
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    expect(refused.json.errors.map((e: { path: string }) => e.path)).toContain('taxId');
    const abroad = await patch(own, {
      address: { line1: 'Rua Augusta 1', city: 'Lisboa', postalCode: '1100-048', country: 'PT' },
      taxId: 'PT501964843',
    });
    expect(abroad.status).toBe(409);
    expect(abroad.json.errors.map((e: { path: string }) => e.path)).toContain('taxId');
    expect(await read(own)).toMatchObject({ taxId: 'B12345674', version: 1, name: 'Antes SL' });

    // Everything else may change; the issued invoice keeps the issuer it was issued by.
    const renamed = await patch(own, { name: 'Después SL', taxId: 'B-12345674' });
    expect(renamed.status, renamed.text).toBe(200);
    const again = await api.call('GET', `/v1/invoices/${invoice.id}`, { key: own });
    expect(again.json.issuer).toMatchObject({ name: 'Antes SL', taxId: 'B12345674' });
    // Issuing functions trust what they read of the tenant for 5 s (PROFILE_TTL_MS in
    // @sello/app/invoices); after that, new invoices carry the new data.
    await sleep(5_100);
    const next = await issueOne(own);
    expect(next.issuer.name).toBe('Después SL');
  });
});
