import { randomUUID } from 'node:crypto';
import { identityProvider, repositories } from '@sello/app/platform';
import { beforeEach, describe, expect, it } from 'vitest';
import { aCustomer, startApi } from '../../support/api.ts';
import { aSourceIp, callFrom } from '../../support/recipients.ts';
import { aStaffEmail, clearOfWindowEnd, signIn } from '../../support/staff.ts';

const api = await startApi();
const password = 'una frase de paso larga';

const aSignUp = (overrides: { email?: string; taxId?: string; password?: string } = {}) => ({
  company: {
    name: 'Talleres Sur, S.L.',
    taxId: overrides.taxId ?? 'B65410011',
    address: { line1: 'Calle Sierpes 12', city: 'Sevilla', postalCode: '41004', country: 'ES' },
  },
  owner: {
    name: 'Lucía Martín',
    email: overrides.email ?? aStaffEmail('signup'),
    password: overrides.password ?? password,
  },
});

const signUp = (body: unknown, options: { ip?: string; key?: string } = {}) =>
  callFrom(api, options.ip ?? aSourceIp(), 'POST', '/v1/auth/sign-up', {
    body,
    ...(options.key ? { headers: { 'idempotency-key': options.key } } : {}),
  });

describe('POST /v1/auth/sign-up', () => {
  // Every sign-up counts against the limits: none may straddle a window's end.
  beforeEach(() => clearOfWindowEnd(60_000), 90_000);

  it('makes a tenant that issues at once and its owner, who signs in', async () => {
    const body = aSignUp();
    const res = await signUp(body);
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    expect(res.headers.location).toBe('/v1/tenant');
    expect(res.json.tenant).toMatchObject({
      name: 'Talleres Sur, S.L.',
      taxId: 'B65410011',
      email: body.owner.email,
      language: 'es',
      timezone: 'Europe/Madrid',
      taxIdVerified: false,
    });
    expect(res.json.tenant.taxIdProof).toBeUndefined();
    expect(res.json.user).toMatchObject({
      email: body.owner.email,
      name: 'Lucía Martín',
      role: 'owner',
      status: 'active',
    });

    const { accessToken, body: session } = await signIn(api, body.owner.email, password);
    expect(session.user).toMatchObject({ tenantId: res.json.tenant.id, role: 'owner' });
    const tenant = await api.call('GET', '/v1/tenant', { key: accessToken });
    expect(tenant.json).toMatchObject({ id: res.json.tenant.id, taxIdVerified: false });

    const customer = await api.call('POST', '/v1/customers', {
      key: accessToken,
      body: aCustomer(),
    });
    expect(customer.status).toBe(201);
    const draft = await api.call('POST', '/v1/invoices', {
      key: accessToken,
      body: {
        customerId: customer.json.id,
        lines: [
          {
            description: 'Revisión',
            quantity: '1',
            unitPrice: '100.00',
            taxes: [{ type: 'IVA', rate: '21' }],
          },
        ],
      },
    });
    expect(draft.status).toBe(201);
    const issued = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, {
      key: accessToken,
    });
    expect(issued.status, issued.text).toBe(200);
    expect(issued.json.number).toMatch(/^F\d{4}-000001$/);
  });

  it('answers a double submit with the first outcome when it carries the same Idempotency-Key', async () => {
    const body = aSignUp();
    const key = randomUUID();
    const ip = aSourceIp();
    const [first, second] = await Promise.all([
      signUp(body, { ip, key }),
      signUp(body, { ip, key }),
    ]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.json.tenant.id).toBe(first.json.tenant.id);
    expect(
      [first.headers['idempotent-replayed'], second.headers['idempotent-replayed']].sort(),
    ).toEqual(['true', undefined]);
    // Without the key, the second submit finds the e-mail taken.
    const again = await signUp(body, { ip });
    expect(again.status).toBe(409);
  });

  it('refuses a taken e-mail with 409 naming owner.email, and writes nothing', async () => {
    const first = aSignUp();
    expect((await signUp(first)).status).toBe(201);
    const res = await signUp(
      aSignUp({ email: first.owner.email.toUpperCase(), taxId: 'A58818501' }),
    );
    expect(res.status).toBe(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json.errors).toEqual([{ path: 'owner.email', message: 'Already in use' }]);
    // The first owner is untouched: same member, same password.
    const member = await repositories().memberships.findByEmail(first.owner.email);
    expect((await signIn(api, first.owner.email, password)).body.user.id).toBe(member?.userId);
  });

  it('refuses an e-mail the identity provider already has (a recipient, say), leaving it there', async () => {
    const email = aStaffEmail('recipient');
    await identityProvider().createUser(email);
    const res = await signUp(aSignUp({ email }));
    expect(res.status).toBe(409);
    expect(res.json.errors).toEqual([{ path: 'owner.email', message: 'Already in use' }]);
    expect(await repositories().memberships.findByEmail(email)).toBeUndefined();
  });

  it.each([
    ['company.taxId', aSignUp({ taxId: 'B12345670' })],
    ['owner.password', aSignUp({ password: 'short' })],
    ['owner.email', aSignUp({ email: 'not an e-mail' })],
    [
      'company.address.country',
      (() => {
        const b = aSignUp();
        b.company.address.country = 'XX';
        return b;
      })(),
    ],
    ['company.name', { ...aSignUp(), company: { ...aSignUp().company, name: '' } }],
  ])('answers 400 naming %s, and makes no user', async (path, body) => {
    const res = await signUp(body);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    if (body.owner.email.includes('@')) {
      expect(await repositories().memberships.findByEmail(body.owner.email)).toBeUndefined();
      await expect(
        identityProvider().signIn(body.owner.email, body.owner.password),
      ).rejects.toThrow();
    }
  });

  it('limits attempts per e-mail (every sign-up counts)', async () => {
    const taken = aSignUp();
    expect((await signUp(taken)).status).toBe(201);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++)
      statuses.push((await signUp(aSignUp({ email: taken.owner.email }))).status);
    expect(statuses).toEqual([409, 409, 409, 409, 429]);
  });
});
