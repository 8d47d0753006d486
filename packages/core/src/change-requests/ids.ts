import { createHash } from 'node:crypto';
import type { IdGenerator } from '../ports/ids.ts';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * The invoice ids a request's correction makes, derived from the request's id: the n-th invoice
 * id the correction asks for is the same on every attempt, so a retry finds what an earlier
 * attempt issued (and the numbering transaction, which creates an invoice only where its id is
 * free, refuses a second one). They keep the ulid shape of other ids: the request's time part
 * (its first 10 characters), then 16 characters of a hash of (request, n).
 */
export function correctionInvoiceId(requestId: string, n: number): string {
  const ulid = requestId.slice(requestId.indexOf('_') + 1);
  const digest = createHash('sha256').update(`${requestId}#${n}`, 'utf8').digest();
  let tail = '';
  for (let i = 0; i < 16; i++) tail += CROCKFORD[digest[i]! % 32];
  return `inv_${ulid.slice(0, 10)}${tail}`;
}

/** An IdGenerator whose `inv` ids are the request's derived ones in order; others from `rest`. */
export function correctionIds(requestId: string, rest: IdGenerator): IdGenerator {
  let n = 0;
  return {
    next: (prefix) => (prefix === 'inv' ? correctionInvoiceId(requestId, n++) : rest.next(prefix)),
  };
}
