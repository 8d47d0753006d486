import { RateLimitedError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { AttemptCounter } from './model.ts';

/** Failed sign-in and registration attempts allowed per window. */
export const ATTEMPT_WINDOW_SECONDS = 15 * 60;
/** Per account or tax id: guessing one recipient's password or keys. */
export const ATTEMPTS_PER_SUBJECT = 5;
/** Per source address, higher because an office or a mobile carrier puts many people behind one. */
export const ATTEMPTS_PER_SOURCE = 20;

export interface LimitedAttempt {
  /** The attempt succeeded: give its slots back, so only failures count against the limits. */
  succeeded(): Promise<void>;
}

/**
 * Takes one attempt for `subject` and for the caller's address before any secret is checked, so
 * even concurrent guesses cannot exceed the limits; throws RateLimitedError (HTTP 429 with
 * Retry-After) when either is spent.
 */
export async function beginAttempt(
  deps: { attempts: AttemptCounter; clock: Clock },
  subject: string,
  sourceIp: string | undefined,
): Promise<LimitedAttempt> {
  const now = deps.clock.now().getTime() / 1000;
  const windowStart = Math.floor(now / ATTEMPT_WINDOW_SECONDS) * ATTEMPT_WINDOW_SECONDS;
  const budgets = [
    { subject, limit: ATTEMPTS_PER_SUBJECT },
    { subject: `ip:${sourceIp ?? 'unknown'}`, limit: ATTEMPTS_PER_SOURCE },
  ];
  const taken: string[] = [];
  const giveBack = () =>
    Promise.all(taken.map((s) => deps.attempts.giveBack(s, windowStart))).then(() => undefined);
  for (const budget of budgets) {
    const ok = await deps.attempts.take(
      budget.subject,
      windowStart,
      ATTEMPT_WINDOW_SECONDS,
      budget.limit,
    );
    if (!ok) {
      await giveBack();
      throw new RateLimitedError(
        'Too many failed attempts; wait before trying again',
        Math.max(1, Math.ceil(windowStart + ATTEMPT_WINDOW_SECONDS - now)),
      );
    }
    taken.push(budget.subject);
  }
  return { succeeded: giveBack };
}
