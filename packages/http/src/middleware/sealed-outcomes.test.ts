import { describe, expect, it } from 'vitest';
import { MemoryIdempotencyStore } from '../../testing/fakes.ts';
import { sealedOutcomes } from './sealed-outcomes.ts';

const outcome = { statusCode: 201, headers: { a: 'b' }, body: '{"key":"sello_secret"}' };

describe('sealedOutcomes', () => {
  it('stores bodies sealed and opens them for the same client key and scope only', async () => {
    const store = new MemoryIdempotencyStore();
    const mine = sealedOutcomes(store, 'client-key', 'ten_1#createApiKey');
    await mine.claim('item', 'f', 10);
    await mine.complete('item', outcome, 60);
    const stored = store.items.get('item')!.outcome!;
    expect(stored.body).toMatch(/^sealed:v1:/);
    expect(stored.body).not.toContain('sello_secret');
    expect(stored.headers).toEqual({ a: 'b' });
    expect(await mine.peek('item', 'f')).toEqual({ state: 'completed', outcome });
    expect(await mine.claim('item', 'f', 10)).toEqual({ state: 'completed', outcome });
    const otherKey = sealedOutcomes(store, 'other-key', 'ten_1#createApiKey');
    await expect(otherKey.peek('item', 'f')).rejects.toThrow();
    const otherScope = sealedOutcomes(store, 'client-key', 'ten_2#createApiKey');
    await expect(otherScope.peek('item', 'f')).rejects.toThrow();
  });

  it('passes outcomes stored before sealing through as they are', async () => {
    const store = new MemoryIdempotencyStore();
    store.items.set('item', { fingerprint: 'f', outcome });
    expect(await sealedOutcomes(store, 'k', 's').peek('item', 'f')).toEqual({
      state: 'completed',
      outcome,
    });
  });
});
