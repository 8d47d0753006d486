import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../errors.ts';
import { ATTEMPTS_PER_SOURCE, ATTEMPTS_PER_SUBJECT, beginAttempt } from './attempts.ts';
import type { AttemptCounter } from './model.ts';

/** The counter's contract in memory (DynamoDB does the same with a conditional ADD). */
function memoryCounter(): AttemptCounter & { counts: Map<string, number> } {
  const counts = new Map<string, number>();
  return {
    counts,
    async take(subject, windowStart, _seconds, limit) {
      const key = `${subject}@${windowStart}`;
      const n = counts.get(key) ?? 0;
      if (n >= limit) return false;
      counts.set(key, n + 1);
      return true;
    },
    async giveBack(subject, windowStart) {
      const key = `${subject}@${windowStart}`;
      counts.set(key, Math.max(0, (counts.get(key) ?? 0) - 1));
    },
  };
}

const at = (iso: string) => ({ now: () => new Date(iso) });

describe('beginAttempt', () => {
  it('allows 5 failures per subject in a 15-minute window, then answers how long to wait', async () => {
    const attempts = memoryCounter();
    const clock = at('2026-11-23T10:05:00Z');
    for (let i = 0; i < ATTEMPTS_PER_SUBJECT; i++)
      await beginAttempt({ attempts, clock }, 's', '1.1.1.1');
    const refused = await beginAttempt({ attempts, clock }, 's', '1.1.1.1').catch((e) => e);
    expect(refused).toBeInstanceOf(RateLimitedError);
    expect(refused.retryAfterSeconds).toBe(600); // the window ends at 10:15
    // Refused attempts take nothing from the source's budget.
    expect(attempts.counts.get(`ip:1.1.1.1@${Date.parse('2026-11-23T10:00:00Z') / 1000}`)).toBe(5);
    // The next window starts afresh.
    await expect(
      beginAttempt({ attempts, clock: at('2026-11-23T10:15:00Z') }, 's', '1.1.1.1'),
    ).resolves.toBeDefined();
  });

  it('gives successful attempts back, so only failures count', async () => {
    const attempts = memoryCounter();
    const clock = at('2026-11-23T10:05:00Z');
    for (let i = 0; i < 50; i++) {
      const attempt = await beginAttempt({ attempts, clock }, 's', '1.1.1.1');
      await attempt.succeeded();
    }
    await expect(beginAttempt({ attempts, clock }, 's', '1.1.1.1')).resolves.toBeDefined();
  });

  it('limits a source address across subjects', async () => {
    const attempts = memoryCounter();
    const clock = at('2026-11-23T10:05:00Z');
    for (let i = 0; i < ATTEMPTS_PER_SOURCE; i++) {
      await beginAttempt({ attempts, clock }, `s${i}`, '2.2.2.2');
    }
    await expect(beginAttempt({ attempts, clock }, 'fresh', '2.2.2.2')).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    await expect(beginAttempt({ attempts, clock }, 'fresh', '3.3.3.3')).resolves.toBeDefined();
  });
});
