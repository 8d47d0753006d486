import { afterEach, describe, expect, it, vi } from 'vitest';
import { anEvent, credentialStores } from '../../../testing/fakes.ts';
import { sessionCaller } from './session.ts';

afterEach(() => {
  vi.useRealTimers();
});

const bearer = (secret: string) => anEvent({ headers: { authorization: `Bearer ${secret}` } });
const HOUR = 3_600_000;

describe('sessionCaller', () => {
  it('caches a session for 10 s, never past its expiry', async () => {
    vi.useFakeTimers();
    const stores = credentialStores();
    // A 12 h session signed in 12 h minus 5 s ago: 5 s left.
    const token = stores.addSession('rcp_1', 'B12345674', new Date(Date.now() - 12 * HOUR + 5000));
    const asRecipient = { kind: 'recipient', recipientId: 'rcp_1', taxId: 'B12345674' };
    expect(await sessionCaller.authenticate(bearer(token), stores)).toEqual(asRecipient);
    await sessionCaller.authenticate(bearer(token), stores);
    expect(stores.lookups.sessions).toBe(1);
    vi.advanceTimersByTime(5001);
    await expect(sessionCaller.authenticate(bearer(token), stores)).rejects.toThrow(
      'Invalid or expired session; sign in again',
    );
    expect(stores.lookups.sessions).toBe(2);
  });

  it('refuses an API key before any lookup', async () => {
    const stores = credentialStores();
    const { secret } = stores.addKey('ten_1');
    await expect(sessionCaller.authenticate(bearer(secret), stores)).rejects.toThrow(
      'This route takes a recipient session, not an API key',
    );
    expect(stores.lookups).toEqual({ apiKeys: 0, sessions: 0 });
  });

  it('scopes what a recipient does to the recipient', () => {
    expect(sessionCaller.owner({ kind: 'recipient', recipientId: 'rcp_1', taxId: 'X' })).toBe(
      'recipient:rcp_1',
    );
  });
});
