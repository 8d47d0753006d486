import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { anOwner, signIn } from '../../support/staff.ts';

const api = await startApi();
let owner: Awaited<ReturnType<typeof anOwner>>;

beforeAll(async () => {
  owner = await anOwner((await createTenant('Sign-out, S.L.')).tenantId);
});

describe('POST /v1/auth/sign-out', () => {
  it('revokes the sign-in of the cookie and clears the cookie', async () => {
    const first = await signIn(api, owner.email);
    const second = await signIn(api, owner.email);
    const out = await api.call('POST', '/v1/auth/sign-out', { headers: { cookie: first.cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie()).toEqual([
      'sello_refresh=; HttpOnly; Secure; SameSite=Strict; Path=/v1/auth; Max-Age=0',
    ]);
    const refresh = (cookie: string) =>
      api.call('POST', '/v1/auth/refresh', { headers: { cookie } });
    expect((await refresh(first.cookie)).status).toBe(401);
    // Another sign-in (another device) goes on.
    expect((await refresh(second.cookie)).status).toBe(200);
  });

  it('is harmless without a cookie or twice', async () => {
    const { cookie } = await signIn(api, owner.email);
    for (const headers of [{}, { cookie }, { cookie }] as Record<string, string>[]) {
      expect((await api.call('POST', '/v1/auth/sign-out', { headers })).status).toBe(204);
    }
  });
});
