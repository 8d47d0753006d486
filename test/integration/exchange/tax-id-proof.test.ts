import {
  buildPkcs12,
  type CertificateOptions,
  type TestCertificate,
  testCa,
  testIntermediate,
  testLeaf,
  testSelfSigned,
} from '@sello/signing/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../support/api.ts';
import { TAX_IDS, tenantWithTaxId } from '../../support/exchange.ts';
import { anEmailKey, anIssuerKey, aSourceIp, callFrom } from '../../support/recipients.ts';
import { aStaffEmail, signIn } from '../../support/staff.ts';
import { trustedTestCa } from '../../support/trusted-ca.ts';

const api = await startApi();
const password = 'una frase de paso larga';
/** The buyer's tax id, which a second business then signs up with. */
const BUYER = TAX_IDS.b;

type Tenant = Awaited<ReturnType<typeof tenantWithTaxId>>;
let issuer: Tenant;
let buyer: Tenant;
let invoiceNumber: string;

type Holder = { organizationIdentifier?: string; serialNumber?: string };

/** The company's subject: organizationIdentifier and serialNumber as a Spanish certificate has. */
const holderSubject = (subject: Holder): NonNullable<CertificateOptions['subject']> => [
  { shortName: 'C', value: 'ES' },
  ...(subject.organizationIdentifier
    ? [{ type: '2.5.4.97', value: subject.organizationIdentifier }]
    : []),
  ...(subject.serialNumber ? [{ name: 'serialNumber', value: subject.serialNumber }] : []),
  { shortName: 'CN', value: 'DISTRIBUCIONES MEDITERRANEO SA' },
];

/** A PKCS#12 holding `leaf`'s key, `leaf` and the CA certificates `chain`. */
function pkcs12Of(leaf: TestCertificate, chain: TestCertificate[]) {
  return {
    pkcs12: buildPkcs12({
      keys: [leaf.keyDer],
      certificates: [leaf.der, ...chain.map((c) => c.der)],
      password: 'p12-password',
      profile: 'aes',
    }),
    password: 'p12-password',
  };
}

/**
 * A PKCS#12 whose certificate names `subject` (organizationIdentifier, serialNumber), issued by
 * the CA the tests trust (see test/support/trusted-ca.ts), as a qualified CA would.
 */
function certificateFile(subject: Holder) {
  const ca = trustedTestCa();
  const leaf = testLeaf(ca, {
    commonName: 'DISTRIBUCIONES MEDITERRANEO SA',
    subject: holderSubject(subject),
  });
  return pkcs12Of(leaf, [ca]);
}

beforeAll(async () => {
  [issuer, buyer] = await Promise.all([
    tenantWithTaxId(TAX_IDS.a, 'Talleres Núñez, S.L.'),
    tenantWithTaxId(BUYER, 'Distribuciones Mediterráneo S.A.'),
  ]);
  const customer = await api.call('POST', '/v1/customers', {
    key: issuer.key,
    body: {
      taxId: BUYER,
      name: 'Distribuciones Mediterráneo S.A.',
      email: 'cuentas@mediterraneo.example',
      address: {
        line1: 'Carrer de Balmes 200',
        city: 'Barcelona',
        postalCode: '08006',
        country: 'ES',
      },
    },
  });
  const draft = await api.call('POST', '/v1/invoices', {
    key: issuer.key,
    body: {
      customerId: customer.json.id,
      lines: [
        {
          description: 'Mantenimiento',
          quantity: '1',
          unitPrice: '100.00',
          taxes: [{ type: 'IVA', rate: '21' }],
        },
      ],
    },
  });
  const issued = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: issuer.key });
  expect(issued.status).toBe(200);
  invoiceNumber = issued.json.number;
});

const inbox = async (key: string) => {
  const res = await api.call('GET', '/v1/inbox?limit=200', { key });
  expect(res.status).toBe(200);
  return res.json as { items: Array<{ id: string; number: string }>; taxIdVerified: boolean };
};

/** A business that signs up with the buyer's tax id, and its owner's access token. */
async function signedUp(name: string) {
  const email = aStaffEmail('second');
  const made = await callFrom(api, aSourceIp(), 'POST', '/v1/auth/sign-up', {
    body: {
      company: {
        name,
        taxId: BUYER,
        address: { line1: 'Calle Falsa 123', city: 'Madrid', postalCode: '28001', country: 'ES' },
      },
      owner: { name: 'Quien Sea', email, password },
    },
  });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  const { accessToken } = await signIn(api, email, password);
  return { token: accessToken as string, tenantId: made.json.tenant.id as string };
}

const prove = (token: string, body: { emailKey: string; issuerKey: string }) =>
  callFrom(api, aSourceIp(), 'POST', '/v1/tenant/tax-id-proof', { key: token, body });

describe('the inbox of a tax id opens to a tenant that proves it', () => {
  it('stays open to the tenant the operator vouched for', async () => {
    const page = await inbox(buyer.key);
    expect(page.taxIdVerified).toBe(true);
    expect(page.items.map((i) => i.number)).toContain(invoiceNumber);
    const tenant = await api.call('GET', '/v1/tenant', { key: buyer.key });
    expect(tenant.json).toMatchObject({ taxIdVerified: true, taxIdProof: { method: 'operator' } });
  });

  it('shows a second tenant with the same tax id nothing until it proves it with its certificate', async () => {
    const { token } = await signedUp('Mediterráneo Impostor, S.L.');

    // Before any proof: nothing, and the reason.
    const before = await inbox(token);
    expect(before).toEqual({ items: [], taxIdVerified: false });
    const visible = (await inbox(buyer.key)).items.find((i) => i.number === invoiceNumber)!;
    const one = await api.call('GET', `/v1/inbox/${visible.id}`, { key: token });
    expect(one.status).toBe(404);
    const accept = await api.call('POST', `/v1/inbox/${visible.id}/status`, {
      key: token,
      body: { status: 'accepted' },
    });
    expect(accept.status).toBe(404);
    const pdf = await api.call('GET', `/v1/inbox/${visible.id}/documents/pdf`, { key: token });
    expect(pdf.status).toBe(404);

    // A certificate of somebody else (here the representative's own NIF) proves nothing.
    const other = await api.call('PUT', '/v1/signing-certificate', {
      key: token,
      body: certificateFile({ serialNumber: 'IDCES-12345678Z' }),
    });
    expect(other.status).toBe(200);
    expect((await inbox(token)).taxIdVerified).toBe(false);
    expect((await api.call('GET', '/v1/tenant', { key: token })).json.taxIdVerified).toBe(false);

    // The company's certificate (a representative's: the company in organizationIdentifier).
    const own = await api.call('PUT', '/v1/signing-certificate', {
      key: token,
      body: certificateFile({
        organizationIdentifier: `VATES-${BUYER}`,
        serialNumber: 'IDCES-12345678Z',
      }),
    });
    expect(own.status).toBe(200);
    const after = await inbox(token);
    expect(after.taxIdVerified).toBe(true);
    expect(after.items.map((i) => i.number)).toContain(invoiceNumber);
    expect((await api.call('GET', `/v1/inbox/${visible.id}`, { key: token })).status).toBe(200);
    const tenant = await api.call('GET', '/v1/tenant', { key: token });
    expect(tenant.json).toMatchObject({
      taxIdVerified: true,
      taxIdProof: {
        method: 'certificate',
        certificateSubject: expect.stringContaining(`organizationIdentifier=VATES-${BUYER}`),
      },
    });
  });

  it('opens with the two onboarding keys of another issuer, which are spent', async () => {
    const { token, tenantId } = await signedUp('Mediterráneo Dos, S.L.');
    // Keys the tenant made itself (an invoice to its own tax id, its own issuer key) prove nothing.
    const own = await prove(token, {
      emailKey: await anEmailKey(tenantId, BUYER),
      issuerKey: await anIssuerKey(tenantId, BUYER),
    });
    expect(own.status).toBe(403);
    expect(own.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'emailKey',
      'issuerKey',
    ]);
    // Keys for another tax id neither.
    const elsewhere = await prove(token, {
      emailKey: await anEmailKey(issuer.tenantId, TAX_IDS.c),
      issuerKey: await anIssuerKey(issuer.tenantId, BUYER),
    });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.json.errors).toEqual([
      { path: 'emailKey', message: 'This key was not issued for this tax id' },
    ]);
    expect((await inbox(token)).taxIdVerified).toBe(false);

    const keys = {
      emailKey: await anEmailKey(issuer.tenantId, BUYER),
      issuerKey: await anIssuerKey(issuer.tenantId, BUYER),
    };
    const proven = await prove(token, keys);
    expect(proven.status, JSON.stringify(proven.json)).toBe(200);
    expect(proven.json).toMatchObject({
      taxIdVerified: true,
      taxIdProof: { method: 'onboarding' },
    });
    expect((await inbox(token)).items.map((i) => i.number)).toContain(invoiceNumber);
    // Spent: they prove nothing for a third business.
    const third = await signedUp('Mediterráneo Tres, S.L.');
    const again = await prove(third.token, keys);
    expect(again.status).toBe(403);
    expect(again.json.errors).toEqual([
      { path: 'emailKey', message: 'This key was already used' },
      { path: 'issuerKey', message: 'This key was already used' },
    ]);
  });
});

describe('a certificate proves the tax id only when a trusted CA issued it', () => {
  const company = { organizationIdentifier: `VATES-${BUYER}` };
  const upload = (token: string, body: { pkcs12: string; password: string }) =>
    api.call('PUT', '/v1/signing-certificate', { key: token, body });
  const closed = async (token: string) => {
    expect((await inbox(token)).taxIdVerified).toBe(false);
    const tenant = await api.call('GET', '/v1/tenant', { key: token });
    expect(tenant.json.taxIdVerified).toBe(false);
    expect(tenant.json.taxIdProof).toBeUndefined();
  };
  const DAY = 86_400_000;

  it('refuses a self-signed certificate naming the tenant’s tax id (it still signs)', async () => {
    const { token } = await signedUp('Mediterráneo Autofirmado, S.L.');
    const self = testSelfSigned({
      commonName: 'DISTRIBUCIONES MEDITERRANEO SA',
      subject: holderSubject(company),
    });
    const res = await upload(token, pkcs12Of(self, []));
    expect(res.status, res.text).toBe(200);
    expect(res.json.taxIdCheck).toEqual({ proves: false, reason: 'untrusted-issuer' });
    await closed(token);
    expect((await inbox(token)).items).toEqual([]);
    // The reason stays readable with the certificate, for the portal.
    const read = await api.call('GET', '/v1/signing-certificate', { key: token });
    expect(read.json.taxIdCheck).toEqual({ proves: false, reason: 'untrusted-issuer' });
  });

  it('refuses one issued through an intermediate of an untrusted CA, even one named like ours', async () => {
    const { token } = await signedUp('Mediterráneo Intermedio, S.L.');
    const root = testCa({ commonName: 'Sello Test Qualified CA' }); // the trusted CA's name, not its key
    const intermediate = testIntermediate(root);
    const leaf = testLeaf(intermediate, {
      commonName: 'DISTRIBUCIONES MEDITERRANEO SA',
      subject: holderSubject(company),
    });
    const res = await upload(token, pkcs12Of(leaf, [intermediate, root]));
    expect(res.status, res.text).toBe(200);
    expect(res.json.taxIdCheck).toEqual({ proves: false, reason: 'untrusted-issuer' });
    expect(res.json.chainLength).toBe(3);
    await closed(token);
  });

  it('refuses one whose issuing CA has expired', async () => {
    const { token } = await signedUp('Mediterráneo Caducado, S.L.');
    const expired = testIntermediate(trustedTestCa(), {
      notBefore: new Date(Date.now() - 30 * DAY),
      notAfter: new Date(Date.now() - DAY),
    });
    const leaf = testLeaf(expired, {
      commonName: 'DISTRIBUCIONES MEDITERRANEO SA',
      subject: holderSubject(company),
    });
    const res = await upload(token, pkcs12Of(leaf, [expired, trustedTestCa()]));
    expect(res.status, res.text).toBe(200);
    expect(res.json.taxIdCheck).toEqual({ proves: false, reason: 'expired' });
    await closed(token);
  });

  it('says a trusted certificate of another holder does not match, then proves with the company’s', async () => {
    const { token } = await signedUp('Mediterráneo Cuatro, S.L.');
    const other = await upload(
      token,
      certificateFile({ organizationIdentifier: `VATES-${TAX_IDS.c}` }),
    );
    expect(other.json.taxIdCheck).toEqual({ proves: false, reason: 'holder-mismatch' });
    await closed(token);

    const own = await upload(token, certificateFile(company));
    expect(own.status, own.text).toBe(200);
    expect(own.json.taxIdCheck).toEqual({ proves: true });
    expect((await inbox(token)).items.map((i) => i.number)).toContain(invoiceNumber);
    const read = await api.call('GET', '/v1/signing-certificate', { key: token });
    expect(read.json.taxIdCheck).toEqual({ proves: true });
  });

  it('leaves the check out for a tenant the operator vouched for', async () => {
    const res = await upload(buyer.key, certificateFile(company));
    expect(res.status, res.text).toBe(200);
    expect(res.json.taxIdCheck).toBeUndefined();
  });
});
