import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type IdempotencyClaim,
  IdempotencyInProgressError,
  IdempotencyMismatchError,
  type IdempotencyState,
  type IdempotencyStore,
  type StoredOutcome,
} from '@sello/core';
import { HttpError } from './problem.ts';

/** How long a completed outcome is replayed (the common 24 h of payment APIs). */
const KEEP_SECONDS = 24 * 3600;
const POLL_MS = 50;

export function readIdempotencyKey(headers: Record<string, string | undefined>) {
  const key = headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) {
    throw new HttpError(
      'validation-error',
      'Idempotency-Key must be 1–255 visible ASCII characters',
      [{ path: 'Idempotency-Key', message: 'Invalid header value' }],
    );
  }
  return key;
}

export const fingerprint = (...parts: string[]) =>
  createHash('sha256').update(parts.join('\n')).digest('base64url');

const SEALED = 'sealed:v1:';

/**
 * The store, keeping each outcome's body sealed (AES-256-GCM) under a key derived from the
 * client's Idempotency-Key, which is never stored: the item key holds only its hash. A replay
 * with the same key opens it; a reader of the table cannot. Outcomes may carry secrets that are
 * shown once (API keys, webhook signing secrets, onboarding keys).
 */
export function sealedOutcomes(
  store: IdempotencyStore,
  idempotencyKey: string,
  context: string,
): IdempotencyStore {
  const key = Buffer.from(hkdfSync('sha256', idempotencyKey, context, 'sello/idempotency', 32));
  const seal = (outcome: StoredOutcome): StoredOutcome => {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(outcome.body, 'utf8'), cipher.final()]);
    const box = Buffer.concat([iv, cipher.getAuthTag(), sealed]).toString('base64');
    return { ...outcome, body: SEALED + box };
  };
  const open = (outcome: StoredOutcome): StoredOutcome => {
    if (!outcome.body.startsWith(SEALED)) return outcome;
    const box = Buffer.from(outcome.body.slice(SEALED.length), 'base64');
    const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, 12));
    decipher.setAuthTag(box.subarray(12, 28));
    const body = Buffer.concat([decipher.update(box.subarray(28)), decipher.final()]);
    return { ...outcome, body: body.toString('utf8') };
  };
  const opened = <S extends IdempotencyState | IdempotencyClaim>(state: S): S =>
    state.state === 'completed' ? { ...state, outcome: open(state.outcome) } : state;
  return {
    claim: async (k, f, lock) => opened(await store.claim(k, f, lock)),
    peek: async (k, f) => opened(await store.peek(k, f)),
    complete: (k, outcome, keep) => store.complete(k, seal(outcome), keep),
    release: (k) => store.release(k),
  };
}

/**
 * Runs `execute` once per key: a replay or a concurrent twin waits for the first outcome and gets
 * it back (`replayed`). Outcomes of 5xx and thrown errors are not kept, so a retry runs again.
 */
export async function runIdempotent(
  store: IdempotencyStore,
  options: { key: string; fingerprint: string; lockSeconds: number; waitMs: number },
  execute: () => Promise<StoredOutcome>,
): Promise<{ outcome: StoredOutcome; replayed: boolean }> {
  const deadline = Date.now() + options.waitMs;
  for (;;) {
    const claim = await store.claim(options.key, options.fingerprint, options.lockSeconds);
    if (claim.state === 'claimed') {
      let outcome: StoredOutcome;
      try {
        outcome = await execute();
      } catch (e) {
        await store.release(options.key);
        throw e;
      }
      if (outcome.statusCode < 500) await store.complete(options.key, outcome, KEEP_SECONDS);
      else await store.release(options.key);
      return { outcome, replayed: false };
    }
    let state: IdempotencyState = claim;
    while (state.state === 'in-progress' && Date.now() < deadline) {
      await sleep(POLL_MS);
      state = await store.peek(options.key, options.fingerprint);
    }
    if (state.state === 'completed') return { outcome: state.outcome, replayed: true };
    if (state.state === 'mismatch') {
      throw new IdempotencyMismatchError(
        'This Idempotency-Key was used with a different request; use a new key for a new request',
      );
    }
    // The first attempt failed and let go: try to run it ourselves.
    if (state.state === 'absent' && Date.now() < deadline) continue;
    throw new IdempotencyInProgressError(
      'The first request with this key is still running; retry shortly',
    );
  }
}
