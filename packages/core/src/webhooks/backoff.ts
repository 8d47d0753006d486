/**
 * Waits after each failed attempt: attempt 1 fails → about 1 minute, … attempt 7 fails → about
 * 24 hours; attempt 8 is the last (about 45 hours after the first), so a receiver that is down for
 * a day and a half still gets everything.
 */
export const RETRY_DELAYS_SECONDS = [60, 300, 1_800, 7_200, 21_600, 43_200, 86_400] as const;
export const MAX_DELIVERY_ATTEMPTS = RETRY_DELAYS_SECONDS.length + 1;

/** Up to +20% on each wait, so receivers that failed together are not retried together. */
export const RETRY_JITTER = 0.2;

/**
 * Milliseconds to wait after failed attempt number `attempt` (1-based), or undefined when it was
 * the last. `random` is in [0, 1). Jitter only lengthens a wait, so waits keep increasing.
 */
export function retryDelayMs(attempt: number, random: number): number | undefined {
  const base = RETRY_DELAYS_SECONDS[attempt - 1];
  if (base === undefined) return undefined;
  return Math.round(base * 1000 * (1 + RETRY_JITTER * random));
}
