import { describe, expect, it } from 'vitest';
import { MAX_DELIVERY_ATTEMPTS, retryDelayMs } from './backoff.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('retryDelayMs', () => {
  it('waits 1 min, 5 min, 30 min, 2 h, 6 h, 12 h and 24 h without jitter, then gives up', () => {
    const waits = Array.from({ length: MAX_DELIVERY_ATTEMPTS }, (_, i) => retryDelayMs(i + 1, 0));
    expect(waits).toEqual([
      MINUTE,
      5 * MINUTE,
      30 * MINUTE,
      2 * HOUR,
      6 * HOUR,
      12 * HOUR,
      24 * HOUR,
      undefined,
    ]);
    expect(MAX_DELIVERY_ATTEMPTS).toBe(8);
    expect(retryDelayMs(0, 0)).toBeUndefined();
  });

  it('adds up to 20% jitter, never less than the base wait', () => {
    expect(retryDelayMs(1, 0.5)).toBe(66_000);
    expect(retryDelayMs(1, 0.999_999)).toBe(72_000);
    expect(retryDelayMs(4, 0.25)).toBe(2 * HOUR * 1.05);
  });

  it('keeps waits increasing whatever the jitter', () => {
    for (let attempt = 1; attempt < MAX_DELIVERY_ATTEMPTS - 1; attempt++) {
      expect(retryDelayMs(attempt + 1, 0)!).toBeGreaterThan(retryDelayMs(attempt, 0.999_999)!);
    }
  });
});
