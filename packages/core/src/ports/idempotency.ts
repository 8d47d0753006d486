/**
 * Remembers the outcome of an operation under a key, so a retried or concurrent duplicate runs
 * the operation once and gets the first outcome back. Used for HTTP `Idempotency-Key` and for
 * scheduler occurrences.
 */
export interface StoredOutcome {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
}

export type IdempotencyClaim =
  | { state: 'claimed' } // the caller runs the operation, then completes or releases
  | { state: 'completed'; outcome: StoredOutcome } // replay this
  | { state: 'in-progress' } // a twin is running right now
  | { state: 'mismatch' }; // same key, different request

/** What a waiting twin sees: `absent` means the first attempt failed and let go. */
export type IdempotencyState =
  | Exclude<IdempotencyClaim, { state: 'claimed' }>
  | { state: 'absent' };

export interface IdempotencyStore {
  claim(key: string, fingerprint: string, lockSeconds: number): Promise<IdempotencyClaim>;
  /** Reads the current state without claiming (used while waiting for a twin). */
  peek(key: string, fingerprint: string): Promise<IdempotencyState>;
  complete(key: string, outcome: StoredOutcome, keepSeconds: number): Promise<void>;
  /** Drops a claim whose operation failed, so a retry may run it again. */
  release(key: string): Promise<void>;
}
