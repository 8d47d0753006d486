import { createHash } from 'node:crypto';
import type { IdGenerator } from '../ports/ids.ts';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/** JSON with object keys sorted: a stored map (DynamoDB keeps no key order) compares as sent. */
export const canonicalJson = (value: unknown): string =>
  JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );

/**
 * What a correction's invoice ids derive from: the request and the correction's body. The same
 * body retried gets the same ids (and finds what an earlier attempt made); another body, tried
 * after one that failed, gets its own (so nothing it left behind is taken for its own).
 */
export const correctionSeed = (requestId: string, type: string, input: unknown): string =>
  `${requestId}:${createHash('sha256').update(canonicalJson({ type, input }), 'utf8').digest('hex').slice(0, 32)}`;

/**
 * The n-th invoice id a correction asks for: the same on every attempt with the same seed, so a
 * retry finds what an earlier attempt issued (and the numbering transaction, which creates an
 * invoice only where its id is free, refuses a second one). They keep the ulid shape of other
 * ids: the request's time part (its first 10 characters), then 16 characters of a hash.
 */
export function correctionInvoiceId(seed: string, n: number): string {
  const ulid = seed.slice(seed.indexOf('_') + 1);
  const digest = createHash('sha256').update(`${seed}#${n}`, 'utf8').digest();
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[digest[i]! % 32];
  return `inv_${ulid.slice(0, 10)}${tail}`;
}

/** An IdGenerator whose `inv` ids are the seed's derived ones in order; others from `rest`. */
export function correctionIds(seed: string, rest: IdGenerator): IdGenerator {
  let n = 0;
  return {
    next: (prefix) => (prefix === 'inv' ? correctionInvoiceId(seed, n++) : rest.next(prefix)),
  };
}
