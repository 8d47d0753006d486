import { ConflictError } from '../errors.ts';
import { UnprocessableError } from './errors.ts';
import type { InboxStatus, RecipientStatus } from './model.ts';

/**
 * What a buyer may say about an invoice, and when:
 *
 *   received → accepted   the buyer agrees with it (conformada)
 *   received → rejected   the buyer refuses it, with a reason; the issuer corrects by rectifying
 *   accepted → paid       the buyer paid it
 *
 * `rejected` and `paid` are final, and nothing goes back: a buyer that rejected by mistake asks the
 * issuer to send a corrected invoice. Setting the current status again is a conflict too, so a
 * retried request is told rather than recorded twice (use `Idempotency-Key` to retry safely).
 */
export const INBOX_TRANSITIONS: Readonly<Record<InboxStatus, readonly RecipientStatus[]>> = {
  received: ['accepted', 'rejected'],
  accepted: ['paid'],
  rejected: [],
  paid: [],
};

/** Checks a buyer's change; throws what the caller should hear. */
export function checkTransition(
  from: InboxStatus,
  to: RecipientStatus,
  reason: string | undefined,
): void {
  if (to === 'rejected' && !reason?.trim()) {
    throw new UnprocessableError('A rejection needs a reason', [
      { path: 'reason', message: 'Say why the invoice is rejected' },
    ]);
  }
  if (!INBOX_TRANSITIONS[from].includes(to)) {
    const allowed = INBOX_TRANSITIONS[from];
    throw new ConflictError(
      `The invoice is ${from}; it cannot become ${to}` +
        (allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (no further change is allowed)'),
    );
  }
}
