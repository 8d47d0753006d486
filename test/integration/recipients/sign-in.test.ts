import { createPrivateKey, sign } from 'node:crypto';
import { createRequire } from 'node:module';
import { repositories } from '@sello/app/platform';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import {
  anEmailKey,
  anIssuerKey,
  aPassword,
  aSourceIp,
  aTaxId,
  callFrom,
  signUp,
} from '../../support/recipients.ts';
import { anOwner, aStaffPassword, clearOfWindowEnd, signIn } from '../../support/staff.ts';

/**
 * Registered recipients sign in through the same Cognito pool and the same /v1/auth/sign-in as
 * staff; their access tokens open their inbox and nothing of a tenant.
 */
const api = await startApi();
let tenant: Awaited<ReturnType<typeof createTenant>>;
let account: { taxId: string; email: string; token: string; id: string };

beforeAll(async () => {
  tenant = await createTenant('Sesiones SL');
  const taxId = aTaxId();
  const email = `me-${taxId.toLowerCase()}@recipient.example`;
  const { user, accessToken } = await signUp(api, tenant, { taxId, email });
  account = { taxId, email, token: accessToken, id: user.id };
});

const login = (body: unknown, ip = aSourceIp()) =>
  callFrom(api, ip, 'POST', '/v1/auth/sign-in', { body });

/** The token re-signed with cognito-local's own key, its expiry moved to the past. */
function expired(token: string): string {
  const pem = createRequire(import.meta.url)('cognito-local/lib/keys/cognitoLocal.private.json')
    .pem as string;
  const [head, body] = token.split('.') as [string, string];
  const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
  const now = Math.floor(Date.now() / 1000);
  const late = Buffer.from(JSON.stringify({ ...claims, iat: now - 7200, exp: now - 60 })).toString(
    'base64url',
  );
  const signature = sign('RSA-SHA256', Buffer.from(`${head}.${late}`), createPrivateKey(pem));
  return `${head}.${late}.${signature.toString('base64url')}`;
}

describe('POST /v1/auth/sign-in for a registered recipient', () => {
  it('answers the access token with `user.kind` recipient and its tax id, and the refresh cookie', async () => {
    const res = await login({ email: account.email.toUpperCase(), password: aPassword });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expiresIn: expect.any(Number),
      user: { kind: 'recipient', id: account.id, email: account.email, taxId: account.taxId },
    });
    expect(String(res.headers['set-cookie'])).toMatch(/^sello_refresh=/);
    // The token names the recipients' group, whose members have no tenant.
    const claims = JSON.parse(
      Buffer.from(res.json.accessToken.split('.')[1], 'base64url').toString(),
    );
    expect(claims['cognito:groups']).toEqual(['recipients']);
  });

  it('tells staff apart: a member signs in as `kind` staff', async () => {
    const owner = await anOwner(tenant.tenantId);
    const { body } = await signIn(api, owner.email, aStaffPassword);
    expect(body.user).toEqual({
      kind: 'staff',
      id: owner.userId,
      email: owner.email,
      tenantId: tenant.tenantId,
      role: 'owner',
    });
  });

  it('refreshes a recipient as a recipient', async () => {
    const res = await api.call('POST', '/v1/auth/sign-in', {
      body: { email: account.email, password: aPassword },
    });
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.startsWith('sello_refresh='))!;
    const refreshed = await api.call('POST', '/v1/auth/refresh', { headers: { cookie } });
    expect(refreshed.status).toBe(200);
    expect(refreshed.json.user).toEqual(res.json.user);
  });

  it('refuses a wrong password and an unknown e-mail alike, with 401', async () => {
    const wrong = await login({ email: account.email, password: 'not the password' });
    const unknown = await login({ email: 'nobody@recipient.example', password: aPassword });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.json.detail).toBe('Wrong e-mail or password');
      expect(res.json.accessToken).toBeUndefined();
    }
  });

  it('takes the e-mail only: the old sign-in by tax id is a 400 naming the field', async () => {
    const byTaxId = await login({ taxId: account.taxId, password: aPassword });
    expect(byTaxId.status).toBe(400);
    expect(byTaxId.json.errors.map((e: { path: string }) => e.path)).toContain('email');
    // The recipients' own sign-in route is gone.
    expect((await api.call('POST', '/v1/recipients/login', { body: {} })).status).toBe(404);
  });
});

describe('rate limits on failed attempts', () => {
  // Attempts count in fixed windows: no test's requests may straddle a window's end.
  beforeEach(() => clearOfWindowEnd(90_000), 120_000);

  it('locks a recipient after 5 failed sign-ins (even the right password), for the window', async () => {
    const taxId = aTaxId();
    const email = `locked-${taxId.toLowerCase()}@recipient.example`;
    await signUp(api, tenant, { taxId, email });
    // Successes do not count.
    for (let i = 0; i < 6; i++) {
      expect((await login({ email, password: aPassword })).status).toBe(200);
    }
    for (let i = 0; i < 5; i++) {
      expect((await login({ email, password: `wrong password ${i}` })).status).toBe(401);
    }
    // From yet another address: still the same account.
    const locked = await login({ email, password: aPassword });
    expect(locked.status).toBe(429);
    expect(locked.json.type).toBe('urn:sello:problem:rate-limited');
    const retryAfter = Number(locked.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(900);
    // Other accounts are not affected.
    expect((await login({ email: account.email, password: aPassword })).status).toBe(200);
  });

  it('limits registration attempts per tax id: 5 failures, then even the right keys wait', async () => {
    const taxId = aTaxId();
    const emailKey = await anEmailKey(tenant.tenantId, taxId);
    const issuerKey = await anIssuerKey(tenant.tenantId, taxId);
    const body = {
      taxId,
      emailKey,
      issuerKey,
      email: `${taxId.toLowerCase()}@r.example`,
      password: aPassword,
    };
    for (let i = 0; i < 5; i++) {
      const res = await callFrom(api, aSourceIp(), 'POST', '/v1/recipients/register', {
        body: { ...body, issuerKey: `ikey_${String(i).repeat(32)}` },
      });
      expect(res.status).toBe(403);
    }
    const res = await callFrom(api, aSourceIp(), 'POST', '/v1/recipients/register', { body });
    expect(res.status).toBe(429);
    expect(Number(res.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(await repositories().recipients.getByTaxId(taxId)).toBeUndefined();
  });

  it('limits failed attempts per source address to 20, across registrations and sign-ins', async () => {
    const ip = aSourceIp();
    for (let i = 0; i < 10; i++) {
      expect(
        (await login({ email: `nobody-${i}@r.example`, password: aPassword }, ip)).status,
      ).toBe(401);
    }
    for (let i = 0; i < 10; i++) {
      const taxId = aTaxId();
      const res = await callFrom(api, ip, 'POST', '/v1/recipients/register', {
        body: {
          taxId,
          emailKey: `ekey_${'x'.repeat(32)}`,
          issuerKey: `ikey_${'y'.repeat(32)}`,
          email: `${taxId.toLowerCase()}@r.example`,
          password: aPassword,
        },
      });
      expect(res.status).toBe(403);
    }
    const blocked = await login({ email: account.email, password: aPassword }, ip);
    expect(blocked.status).toBe(429);
    // The same account signs in from elsewhere.
    expect((await login({ email: account.email, password: aPassword })).status).toBe(200);
  });
});

describe("a recipient's token, staff tokens and API keys never stand in for each other", () => {
  it('GET /v1/recipients/me takes the recipient’s token; an API key is 401, a staff token 403', async () => {
    const me = await api.call('GET', '/v1/recipients/me', { key: account.token });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ id: account.id, taxId: account.taxId, email: account.email });

    const withApiKey = await api.call('GET', '/v1/recipients/me', { key: tenant.key });
    expect(withApiKey.status).toBe(401);
    expect(withApiKey.json.detail).toBe(
      "This route takes a recipient's access token, not an API key",
    );

    const owner = await anOwner(tenant.tenantId);
    const { accessToken } = await signIn(api, owner.email, aStaffPassword);
    const withStaff = await api.call('GET', '/v1/recipients/me', { key: accessToken });
    expect(withStaff.status).toBe(403);
    expect(withStaff.headers.get('content-type')).toContain('application/problem+json');
    expect(withStaff.json.detail).toBe('This route is for registered recipients');
  });

  it("refuses a recipient's token on the tenant's and staff routes with 403 problem+json", async () => {
    for (const path of ['/v1/settings', '/v1/customers', '/v1/me', '/v1/users']) {
      const res = await api.call('GET', path, { key: account.token });
      expect(res.status, path).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.detail).toBe("A recipient's access token does not open a tenant's routes");
      expect(res.json.errors).toEqual([
        { path: 'authorization', message: 'Sign in as a member of the tenant' },
      ]);
    }
    const issue = await api.call('POST', '/v1/invoices/inv_x/issue', { key: account.token });
    expect(issue.status).toBe(403);
  });

  it('refuses a forged, an expired and a missing token with 401', async () => {
    expect((await api.call('GET', '/v1/recipients/me')).status).toBe(401);
    const [head, body] = account.token.split('.');
    const forged = await api.call('GET', '/v1/inbox', { key: `${head}.${body}.c2lnbmF0dXJl` });
    expect(forged.status).toBe(401);
    expect(forged.json.errors).toEqual([{ path: 'authorization', message: 'Invalid token' }]);
    for (const path of ['/v1/recipients/me', '/v1/inbox']) {
      const late = await api.call('GET', path, { key: expired(account.token) });
      expect(late.status, path).toBe(401);
      expect(late.json.detail).toBe('The access token expired; refresh it or sign in again');
    }
  });

  it("no longer takes a session of Sello's own (`sess_…`)", async () => {
    for (const path of ['/v1/recipients/me', '/v1/inbox']) {
      const res = await api.call('GET', path, { key: `sess_${'a'.repeat(43)}` });
      expect(res.status, path).toBe(401);
      expect(res.json.detail).toBe('Sessions of this kind are no longer accepted; sign in again');
    }
  });

  it("'inbox' routes take the recipient's token, the tenant's API key or its staff", async () => {
    expect((await api.call('GET', '/v1/inbox', { key: account.token })).status).toBe(200);
    expect((await api.call('GET', '/v1/inbox', { key: tenant.key })).status).toBe(200);
    expect((await api.call('GET', '/v1/inbox', { key: 'garbage' })).json.detail).toBe(
      'Invalid or revoked API key',
    );
  });
});

describe('an e-mail that already signs in', () => {
  it("cannot register a recipient: a staff member's e-mail is a 409 naming email, and nothing is kept", async () => {
    const owner = await anOwner(tenant.tenantId);
    const taxId = aTaxId();
    const res = await callFrom(api, aSourceIp(), 'POST', '/v1/recipients/register', {
      body: {
        taxId,
        emailKey: await anEmailKey(tenant.tenantId, taxId),
        issuerKey: await anIssuerKey(tenant.tenantId, taxId),
        email: owner.email,
        password: aPassword,
      },
    });
    expect(res.status).toBe(409);
    expect(res.json.errors).toEqual([{ path: 'email', message: 'Already has an account' }]);
    expect(await repositories().recipients.getByTaxId(taxId)).toBeUndefined();
    // The member still signs in as staff.
    expect((await signIn(api, owner.email, aStaffPassword)).body.user.kind).toBe('staff');
  });
});
