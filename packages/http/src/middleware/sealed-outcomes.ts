import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import type {
  IdempotencyClaim,
  IdempotencyState,
  IdempotencyStore,
  StoredOutcome,
} from '@sello/core/ports';

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
