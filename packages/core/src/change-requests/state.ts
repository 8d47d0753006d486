import { ConflictError, ValidationError } from '../errors.ts';
import { canonicalJson } from './ids.ts';
import type {
  Actor,
  ChangeRequest,
  ChangeRequestEvent,
  CorrectionType,
  RecordedCorrection,
} from './model.ts';

/**
 * The request's state machine, pure: each step answers the next version of the request (events
 * appended) or throws why it may not happen. `open` → `in_progress` → `done` | `declined`; a
 * request may be declined or done straight from `open`. Once a correction started, the request
 * can only be done (the correction may have issued invoices already).
 */

const conflictOfStatus = (r: ChangeRequest, action: string) =>
  new ConflictError(`Change request ${r.id} is ${r.status}: it cannot be ${action}`, [
    { path: 'status', message: `The request is ${r.status}` },
  ]);

function next(
  r: ChangeRequest,
  at: string,
  event: Omit<ChangeRequestEvent, 'at'>,
  changes: Partial<ChangeRequest>,
): ChangeRequest {
  return {
    ...r,
    ...changes,
    events: [...r.events, { at, ...event }],
    version: r.version + 1,
    updatedAt: at,
  };
}

const isFinal = (r: ChangeRequest) => r.status === 'done' || r.status === 'declined';

/** Staff take the request. Taking one already in progress changes nothing (undefined). */
export function take(r: ChangeRequest, by: Actor, at: string): ChangeRequest | undefined {
  if (isFinal(r)) throw conflictOfStatus(r, 'taken');
  if (r.status === 'in_progress') return undefined;
  return next(r, at, { type: 'in_progress', by }, { status: 'in_progress' });
}

export const DECLINE_REASON_MAX = 1000;

/** Declined with a reason the customer is told; not once a correction started. */
export function decline(r: ChangeRequest, by: Actor, at: string, reason: string): ChangeRequest {
  const why = reason.trim();
  if (!why || why.length > DECLINE_REASON_MAX) {
    throw new ValidationError('A reason is needed', [
      { path: 'reason', message: `Say why, in 1 to ${DECLINE_REASON_MAX} characters` },
    ]);
  }
  if (isFinal(r)) throw conflictOfStatus(r, 'declined');
  if (r.correction) {
    throw new ConflictError(
      `Change request ${r.id} has a ${r.correction.type} under way: finish it ("done")`,
      [{ path: 'outcome', message: 'A correction started; the request can only be done' }],
    );
  }
  return next(
    r,
    at,
    { type: 'declined', by, detail: { reason: why } },
    { status: 'declined', reason: why, resolvedAt: at },
  );
}

const sameInput = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  canonicalJson(a) === canonicalJson(b);

/**
 * Records the correction before it runs. The same correction recorded already (a retry) answers
 * the request as it is (undefined): the caller resumes it. Another one is a conflict.
 */
export function startCorrection(
  r: ChangeRequest,
  by: Actor,
  at: string,
  type: CorrectionType,
  input: Record<string, unknown>,
): ChangeRequest | undefined {
  if (r.correction) {
    if (r.correction.type === type && sameInput(r.correction.input, input)) {
      if (r.status === 'declined') throw conflictOfStatus(r, 'corrected');
      return undefined;
    }
    throw new ConflictError(
      `Change request ${r.id} was resolved with another ${r.correction.type}: retry it with the same body`,
      [{ path: 'correction', message: `A ${r.correction.type} with another body was recorded` }],
    );
  }
  if (isFinal(r)) throw conflictOfStatus(r, 'corrected');
  const correction: RecordedCorrection = { type, input, startedAt: at };
  return next(
    r,
    at,
    { type: 'correction_started', by, detail: { correction: type } },
    { status: 'in_progress', correction },
  );
}

/**
 * The recorded correction failed having made nothing (a body the invoice's use case refused, a
 * PAC that refused the cancellation): it is taken off, so another body may be tried or the
 * request declined. Still in progress; the history keeps the failure.
 */
export function abandonCorrection(
  r: ChangeRequest,
  by: Actor,
  at: string,
  why: string,
): ChangeRequest | undefined {
  if (!r.correction || r.status !== 'in_progress') return undefined;
  const { correction: _c, ...rest } = r;
  return next(
    rest,
    at,
    { type: 'correction_failed', by, detail: { correction: r.correction.type, error: why } },
    {},
  );
}

/** A Mexican cancellation SAT left pending the receptor's answer: still in progress. */
export function correctionPending(r: ChangeRequest, by: Actor, at: string): ChangeRequest {
  if (!r.correction) throw new Error('No correction recorded');
  if (r.correction.pending) return r;
  return next(
    r,
    at,
    { type: 'correction_pending', by },
    { correction: { ...r.correction, pending: true } },
  );
}

/** The recorded correction finished: done, with the invoices it made. */
export function finishCorrection(
  r: ChangeRequest,
  by: Actor,
  at: string,
  invoiceIds: string[],
): ChangeRequest {
  if (!r.correction) throw new Error('No correction recorded');
  if (r.status === 'done') return r;
  if (isFinal(r)) throw conflictOfStatus(r, 'done');
  const { pending: _p, ...correction } = r.correction;
  return next(
    r,
    at,
    { type: 'done', by, detail: { correction: correction.type, invoiceIds } },
    { status: 'done', correction: { ...correction, invoiceIds }, resolvedAt: at },
  );
}

/**
 * Done without a correction through Sello: only a `correctData` request, whose data staff may fix
 * where no new invoice is needed (the customer's record for later invoices). A cancel or a split
 * is done only by performing it.
 */
export function doneWithoutCorrection(
  r: ChangeRequest,
  by: Actor,
  at: string,
  note?: string,
): ChangeRequest {
  if (r.type !== 'correctData') {
    throw new ValidationError(`A ${r.type} request is done by performing it`, [
      { path: 'correction', message: `Give the ${r.type} to perform` },
    ]);
  }
  if (r.status === 'done' && !r.correction) return r;
  if (r.correction) {
    throw new ConflictError(`Change request ${r.id} has a ${r.correction.type} under way`, [
      { path: 'correction', message: `Finish the ${r.correction.type}: retry it with its body` },
    ]);
  }
  if (isFinal(r)) throw conflictOfStatus(r, 'done');
  return next(
    r,
    at,
    { type: 'done', by, ...(note ? { detail: { note } } : {}) },
    { status: 'done', resolvedAt: at },
  );
}
