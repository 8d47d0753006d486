import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { aMember, anOwner, signIn } from '../../support/staff.ts';

const api = await startApi();
let tenant: Awaited<ReturnType<typeof createTenant>>;
let owner: Awaited<ReturnType<typeof anOwner>>;

beforeAll(async () => {
  tenant = await createTenant('Refresh, S.L.');
  owner = await anOwner(tenant.tenantId);
});

const refresh = (cookie?: string) =>
  api.call('POST', '/v1/auth/refresh', { headers: cookie ? { cookie } : {} });

describe('POST /v1/auth/refresh', () => {
  it('answers a new access token for the refresh cookie, which stays as it was', async () => {
    const { cookie } = await signIn(api, owner.email);
    const res = await refresh(`theme=dark; ${cookie}`);
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
    expect(res.headers.getSetCookie()).toEqual([]);
    expect((await api.call('GET', '/v1/me', { key: res.json.accessToken })).status).toBe(200);
    // Again: the refresh token is not spent by a refresh.
    expect((await refresh(cookie)).status).toBe(200);
  });

  it('answers the member as it is now', async () => {
    const member = await aMember(tenant.tenantId, 'accountant');
    const { cookie } = await signIn(api, member.email);
    await api.call('PATCH', `/v1/users/${member.userId}`, {
      key: tenant.key,
      body: { role: 'readOnly' },
    });
    expect((await refresh(cookie)).json.user.role).toBe('readOnly');
  });

  it('refuses without the cookie (401 naming it), or with one that is not a refresh token', async () => {
    const none = await refresh();
    expect(none.status).toBe(401);
    expect(none.json.errors).toEqual([{ path: 'cookie.sello_refresh', message: 'Required' }]);
    const forged = await refresh('sello_refresh=eyJhbGciOiJSUzI1NiJ9.e30.c2ln');
    expect(forged.status).toBe(401);
    expect(forged.json.detail).toBe('The sign-in was revoked or expired; sign in again');
  });

  it('refuses the refresh of someone removed meanwhile', async () => {
    const member = await aMember(tenant.tenantId, 'technician');
    const { cookie } = await signIn(api, member.email);
    const removed = await api.call('DELETE', `/v1/users/${member.userId}`, { key: tenant.key });
    expect(removed.status).toBe(204);
    expect((await refresh(cookie)).status).toBe(401);
  });
});
