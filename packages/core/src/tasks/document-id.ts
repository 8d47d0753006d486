import { createHash } from 'node:crypto';
import { encodeTime } from 'ulid';

const CROCKFORD = '0123456789abcdefghjkmnpqrstvwxyz';

/**
 * The id of the document a task makes for one customer at one occurrence: the same inputs always
 * give the same id, so creating it "if it does not exist yet" is the whole exactly-once guarantee
 * (a duplicate delivery, a retry or a concurrent run finds the id taken). It is shaped like the
 * ids of ulidIds — the occurrence as the time part, 80 bits of SHA-256 of (task, occurrence,
 * customer) as the rest — so documents still sort by time in lists.
 */
export function taskDocumentId(
  prefix: string,
  taskId: string,
  occurrence: Date,
  customerId: string,
): string {
  const digest = createHash('sha256')
    .update(`${taskId}\n${occurrence.toISOString()}\n${customerId}`)
    .digest();
  let rest = '';
  // 16 characters of 5 bits each, taken from the first 10 bytes.
  let bits = 0;
  let value = 0;
  for (const byte of digest.subarray(0, 10)) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      rest += CROCKFORD[(value >> bits) & 31];
    }
    value &= (1 << bits) - 1;
  }
  return `${prefix}_${encodeTime(occurrence.getTime(), 10).toLowerCase()}${rest}`;
}
