import { afterEach, describe, expect, it, vi } from 'vitest';
import { anEvent, credentialStores } from '../../../testing/fakes.ts';
import { apiKeyCaller, forgetApiKey } from './api-key.ts';

afterEach(() => {
  vi.useRealTimers();
});

const bearer = (secret: string) => anEvent({ headers: { authorization: `Bearer ${secret}` } });

describe('apiKeyCaller', () => {
  it('resolves a key once per 10 s per container', async () => {
    vi.useFakeTimers();
    const stores = credentialStores();
    const { secret } = stores.addKey('ten_1');
    await apiKeyCaller.authenticate(bearer(secret), stores);
    await apiKeyCaller.authenticate(bearer(secret), stores);
    expect(stores.lookups.apiKeys).toBe(1);
    vi.advanceTimersByTime(10_001);
    await apiKeyCaller.authenticate(bearer(secret), stores);
    expect(stores.lookups.apiKeys).toBe(2);
  });

  it('forgets a revoked key at once in the revoking container', async () => {
    const stores = credentialStores();
    const { secret, keyId } = stores.addKey('ten_2');
    await apiKeyCaller.authenticate(bearer(secret), stores);
    forgetApiKey(keyId);
    await apiKeyCaller.authenticate(bearer(secret), stores);
    expect(stores.lookups.apiKeys).toBe(2);
  });

  it('refuses unknown and revoked keys, and never caches a refusal', async () => {
    const stores = credentialStores();
    const { secret } = stores.addKey('ten_3', '2020-01-01T00:00:00Z');
    for (let i = 0; i < 2; i++) {
      await expect(apiKeyCaller.authenticate(bearer(secret), stores)).rejects.toThrow(
        'Invalid or revoked API key',
      );
    }
    expect(stores.lookups.apiKeys).toBe(2);
  });

  it('scopes what a key does to its tenant', () => {
    expect(apiKeyCaller.owner({ kind: 'tenant', tenantId: 'ten_1', keyId: 'k' })).toBe('ten_1');
  });
});
