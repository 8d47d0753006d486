import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { aSourceIp, callFrom } from '../../support/recipients.ts';
import {
  aMember,
  anOwner,
  aStaffPassword,
  clearOfWindowEnd,
  refreshCookie,
} from '../../support/staff.ts';

const api = await startApi();
let tenant: Awaited<ReturnType<typeof createTenant>>;
let owner: Awaited<ReturnType<typeof anOwner>>;

beforeAll(async () => {
  tenant = await createTenant('Sign-in, S.L.');
  owner = await anOwner(tenant.tenantId);
});

const signIn = (body: unknown) => callFrom(api, aSourceIp(), 'POST', '/v1/auth/sign-in', { body });

describe('POST /v1/auth/sign-in', () => {
  it('answers the access token and the member, and sets the refresh cookie', async () => {
    const res = await api.call('POST', '/v1/auth/sign-in', {
      // Any case: e-mails are compared in lower case.
      body: { email: owner.email.toUpperCase(), password: aStaffPassword },
    });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({
      accessToken: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/),
      expiresIn: expect.any(Number),
      user: {
        kind: 'staff',
        id: owner.userId,
        email: owner.email,
        tenantId: tenant.tenantId,
        role: 'owner',
      },
    });
    expect(res.json.expiresIn).toBeGreaterThan(3000);
    expect(res.json.expiresIn).toBeLessThanOrEqual(3600);
    const [cookie] = res.headers.getSetCookie();
    expect(cookie).toMatch(
      /^sello_refresh=[^;]+; HttpOnly; Secure; SameSite=Strict; Path=\/v1\/auth; Max-Age=2592000$/,
    );
    expect(refreshCookie(res.headers)).toBeDefined();
    // The refresh token never shows in the body.
    expect(res.text).not.toContain(refreshCookie(res.headers)!.split('=')[1]!);
    expect(res.headers.get('cache-control')).toBe('no-store');

    // The access token opens the tenant's routes, as an API key does.
    const key = res.json.accessToken as string;
    const customers = await api.call('GET', '/v1/customers', { key });
    expect(customers.status).toBe(200);
    const me = await api.call('GET', '/v1/me', { key });
    expect(me.json).toMatchObject({
      kind: 'staff',
      tenant: { id: tenant.tenantId, name: 'Sign-in, S.L.' },
      user: { id: owner.userId, email: owner.email, role: 'owner', status: 'active' },
    });
  });

  it('refuses a wrong password and an unknown e-mail alike', async () => {
    const wrong = await signIn({ email: owner.email, password: 'not the password at all' });
    const unknown = await signIn({ email: 'nobody@staff.example', password: aStaffPassword });
    for (const res of [wrong, unknown]) {
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json.detail).toBe('Wrong e-mail or password');
      expect(res.headers['set-cookie']).toBeUndefined();
    }
  });

  it('refuses an invited member who has not chosen a password', async () => {
    const invited = await aMember(tenant.tenantId, 'accountant', { status: 'invited' });
    const res = await signIn({ email: invited.email, password: aStaffPassword });
    expect(res.status).toBe(401);
  });

  it('refuses someone the identity provider knows but who is no member', async () => {
    const gone = await aMember(tenant.tenantId, 'readOnly');
    await api.call('DELETE', `/v1/users/${gone.userId}`, { key: tenant.key });
    const res = await signIn({ email: gone.email, password: aStaffPassword });
    expect(res.status).toBe(401);
  });

  it('answers bad input with 400 naming the field, before any attempt counts', async () => {
    const noEmail = await signIn({ password: aStaffPassword });
    expect(noEmail.status).toBe(400);
    expect(noEmail.json.errors.map((e: { path: string }) => e.path)).toEqual(['email']);
    const badEmail = await signIn({ email: 'not-an-email', password: 'x' });
    expect(badEmail.json.errors.map((e: { path: string }) => e.path)).toEqual(['email']);
    const noPassword = await signIn({ email: owner.email, password: '' });
    expect(noPassword.status).toBe(400);
    expect(noPassword.json.errors.map((e: { path: string }) => e.path)).toEqual(['password']);
    const extra = await signIn({ email: owner.email, password: 'x', remember: true });
    expect(extra.status).toBe(400);
  });
});

describe('rate limits on failed sign-ins', () => {
  // Attempts count in fixed windows: no test's requests may straddle a window's end.
  beforeEach(() => clearOfWindowEnd(90_000), 120_000);

  it('locks an e-mail after 5 failures (even the right password), for the window', async () => {
    const member = await aMember(tenant.tenantId, 'admin');
    // Successes do not count.
    for (let i = 0; i < 6; i++) {
      expect((await signIn({ email: member.email, password: aStaffPassword })).status).toBe(200);
    }
    for (let i = 0; i < 5; i++) {
      const res = await signIn({ email: member.email, password: `wrong password ${i}` });
      expect(res.status).toBe(401);
    }
    const locked = await signIn({ email: member.email, password: aStaffPassword });
    expect(locked.status).toBe(429);
    expect(locked.json.type).toBe('urn:sello:problem:rate-limited');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    // Others are not affected.
    expect((await signIn({ email: owner.email, password: aStaffPassword })).status).toBe(200);
  });
});
