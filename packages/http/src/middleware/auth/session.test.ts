import { afterEach, describe, expect, it, vi } from 'vitest';
import { anEvent, credentialStores } from '../../../testing/fakes.ts';
import { sessionCaller } from './session.ts';

afterEach(() => {
  vi.useRealTimers();
});

const bearer = (secret: string) => anEvent({ headers: { authorization: `Bearer ${secret}` } });

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => expect.unreachable(),
    (e) => ({ code: e.code, message: e.message, errors: e.errors }),
  );

describe('sessionCaller (a registered recipient signed in)', () => {
  it("takes a recipient's access token, reading its account once per 10 s", async () => {
    vi.useFakeTimers();
    const stores = credentialStores();
    const token = stores.addRecipient('rcp_1', 'B12345674');
    const asRecipient = { kind: 'recipient', recipientId: 'rcp_1', taxId: 'B12345674' };
    expect(await sessionCaller.authenticate(bearer(token), stores)).toEqual(asRecipient);
    await sessionCaller.authenticate(bearer(token), stores);
    expect(stores.lookups.recipients).toBe(1);
    vi.advanceTimersByTime(10_001);
    await sessionCaller.authenticate(bearer(token), stores);
    expect(stores.lookups.recipients).toBe(2);
  });

  it('refuses an expired token (401), saying so', async () => {
    vi.useFakeTimers();
    const stores = credentialStores();
    const token = stores.addRecipient('rcp_2', 'B12345674', { tokenSeconds: 60 });
    vi.advanceTimersByTime(61_000);
    expect(await refusal(sessionCaller.authenticate(bearer(token), stores))).toEqual({
      code: 'unauthorized',
      message: 'The access token expired; refresh it or sign in again',
      errors: [{ path: 'authorization', message: 'Invalid token' }],
    });
  });

  it("refuses a staff member's valid token for its kind (403)", async () => {
    const stores = credentialStores();
    const { token } = stores.addStaff('ten_1', 'owner');
    expect(await refusal(sessionCaller.authenticate(bearer(token), stores))).toEqual({
      code: 'forbidden',
      message: 'This route is for registered recipients',
      errors: [{ path: 'authorization', message: "Sign in with the recipient's account" }],
    });
  });

  it("refuses an API key and a session of Sello's own before any lookup", async () => {
    const stores = credentialStores();
    const { secret } = stores.addKey('ten_1');
    expect(await refusal(sessionCaller.authenticate(bearer(secret), stores))).toEqual({
      code: 'unauthorized',
      message: "This route takes a recipient's access token, not an API key",
      errors: [{ path: 'authorization', message: 'Not an access token' }],
    });
    expect(
      await refusal(sessionCaller.authenticate(bearer(`sess_${'a'.repeat(43)}`), stores)),
    ).toEqual({
      code: 'unauthorized',
      message: 'Sessions of this kind are no longer accepted; sign in again',
      errors: [{ path: 'authorization', message: 'Sign in at /v1/auth/sign-in' }],
    });
    expect(stores.lookups).toEqual({ apiKeys: 0, recipients: 0 });
  });

  it('scopes what a recipient does to the recipient', () => {
    expect(sessionCaller.owner({ kind: 'recipient', recipientId: 'rcp_1', taxId: 'X' })).toBe(
      'recipient:rcp_1',
    );
  });
});
