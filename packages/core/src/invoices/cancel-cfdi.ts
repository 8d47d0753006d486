import { ConflictError, PreconditionFailedError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import {
  CANCELLATION_REASONS,
  type CancellationReason,
  type CancellationResult,
  type Pac,
  PacRejectedError,
} from '../ports/pac.ts';
import { releasingDeposits } from './from-deposits.ts';
import { getInvoice } from './get-invoice.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { CfdiState, Invoice } from './model.ts';
import { issuesCfdi } from './stamp-invoice.ts';

export interface CancelCfdiDeps {
  invoices: Pick<InvoiceRepository, 'get' | 'list' | 'update'>;
  pac: Pac;
  clock: Clock;
}

/** What `POST /v1/invoices/{id}/cancel` takes: one body for both countries, checked per issuer. */
export interface CancelBody {
  /** Spain: the corrective's text. */
  reasonDescription?: string;
  /** Mexico: SAT's c_MotivoCancelacion. */
  reason?: string;
  /** Mexico, reason 01 only: the replacing CFDI's UUID (FolioSustitucion). */
  substitute?: string;
}

export interface CfdiCancellation {
  reason: CancellationReason;
  substitute?: string;
}

/** A Mexican invoice's cancel body: SAT's reason, and with 01 (only) the substitute. */
export function cfdiCancellationOf(body: CancelBody): CfdiCancellation {
  const problems: { path: string; message: string }[] = [];
  if (body.reasonDescription !== undefined) {
    problems.push({
      path: 'reasonDescription',
      message: 'A CFDI is cancelled with SAT’s reason code (`reason`), not a text',
    });
  }
  const reason = body.reason as CancellationReason | undefined;
  if (reason === undefined) {
    problems.push({
      path: 'reason',
      message: 'SAT’s cancellation reason: 01, 02, 03 or 04 (01 names the substitute)',
    });
  } else if (!CANCELLATION_REASONS.includes(reason)) {
    problems.push({ path: 'reason', message: 'One of 01, 02, 03, 04' });
  } else if (reason === '01' && !body.substitute) {
    problems.push({
      path: 'substitute',
      message: 'Reason 01 names the UUID of the CFDI that replaces this one',
    });
  } else if (reason !== '01' && body.substitute !== undefined) {
    problems.push({ path: 'substitute', message: 'Only reason 01 names a substitute' });
  }
  if (problems.length || !reason) {
    throw new ValidationError('The cancellation of a CFDI is not valid', problems);
  }
  return reason === '01' ? { reason, substitute: body.substitute!.toUpperCase() } : { reason };
}

/** A Spanish invoice's cancel body: the fields of SAT's cancellation do not apply. */
export function correctiveCancellationOf(body: CancelBody): { reasonDescription?: string } {
  const problems = (['reason', 'substitute'] as const)
    .filter((field) => body[field] !== undefined)
    .map((path) => ({ path, message: 'Only Mexican invoices (CFDI) are cancelled with it' }));
  if (problems.length) throw new ValidationError('Not a CFDI', problems);
  return body.reasonDescription === undefined ? {} : { reasonDescription: body.reasonDescription };
}

const PAGE = 100;

/**
 * The tenant's stamped invoice of a fiscal folio. No index by UUID exists, so the tenant's
 * invoices are read newest first down to the original's issue date: the replacement relates (04)
 * to the original's UUID, so it was issued on or after it, and normally just before the
 * cancellation (the first page).
 */
async function findStamped(
  invoices: CancelCfdiDeps['invoices'],
  original: Invoice,
  uuid: string,
): Promise<Invoice | undefined> {
  const since = { from: original.issueDate, limit: PAGE };
  let cursor: string | undefined;
  do {
    const page = await invoices.list(original.tenantId, {
      ...since,
      ...(cursor ? { cursor } : {}),
    });
    const found = page.items.find(
      (i) => i.cfdi?.status === 'stamped' && i.cfdi.uuid?.toUpperCase() === uuid,
    );
    if (found) return found;
    cursor = page.nextCursor;
  } while (cursor);
  return undefined;
}

const sameRequest = (previous: NonNullable<CfdiState['cancellation']>, request: CfdiCancellation) =>
  previous.reason === request.reason && previous.substitute === request.substitute;

/**
 * Cancels a stamped CFDI at SAT through the PAC, with SAT's reason (01 names the stamped CFDI that
 * replaces it). SAT cancels at once or, when the receptor must accept, leaves it `pending`: the
 * invoice is `cancelled` only once SAT has cancelled it; while pending it keeps its status (the
 * CFDI is still in force) and `cfdi.cancellation.status` says `pending`. Asking again for a
 * pending one (same reason and substitute) asks the PAC again, which tells whether the receptor
 * has answered. A refusal or an unreachable PAC changes nothing. A PAC that answers "already
 * cancelled" (202: an earlier request was cancelled at SAT but not recorded here, e.g. the process
 * died after the PAC's answer) is recorded as cancelled.
 */
export const cancelCfdi =
  (deps: CancelCfdiDeps) =>
  async (tenantId: string, id: string, request: CfdiCancellation): Promise<Invoice> => {
    const invoice = await getInvoice(deps)(tenantId, id);
    if (!issuesCfdi(invoice)) {
      throw new ConflictError(
        `Invoice ${id} is not a CFDI: only Mexican issuers' are cancelled at SAT`,
      );
    }
    const uuid = invoice.cfdi?.status === 'stamped' ? invoice.cfdi.uuid : undefined;
    if (!uuid) {
      throw new ConflictError(
        `Invoice ${invoice.number ?? id} is not stamped: a CFDI without its fiscal folio has nothing to cancel at SAT`,
      );
    }
    const previous = invoice.cfdi?.cancellation;
    if (invoice.status === 'cancelled' || previous?.status === 'cancelled') {
      throw new ConflictError(
        `Invoice ${invoice.number ?? id} (CFDI ${uuid}) is already cancelled`,
      );
    }
    if (previous && !sameRequest(previous, request)) {
      throw new ConflictError(
        `The cancellation of ${uuid} (reason ${previous.reason}) awaits the receptor: ask again with the same reason`,
        [{ path: 'reason', message: `A cancellation with reason ${previous.reason} is pending` }],
      );
    }
    if (request.substitute) await checkSubstitute(deps, invoice, uuid, request.substitute);

    let result: CancellationResult;
    try {
      result = await deps.pac.cancel({
        issuerRfc: invoice.issuer.taxId,
        uuid,
        reason: request.reason,
        ...(request.substitute ? { substitute: request.substitute } : {}),
      });
    } catch (error) {
      if (!(error instanceof PacRejectedError && error.pacCode === '202')) throw error;
      result = { status: 'cancelled', at: deps.clock.now().toISOString() };
    }
    return record(deps, invoice, { ...request, ...result });
  };

async function checkSubstitute(
  deps: CancelCfdiDeps,
  invoice: Invoice,
  uuid: string,
  substitute: string,
) {
  if (substitute === uuid.toUpperCase()) {
    throw new ValidationError('A CFDI cannot replace itself', [
      { path: 'substitute', message: 'The UUID of another CFDI, stamped to replace this one' },
    ]);
  }
  const replacement = await findStamped(deps.invoices, invoice, substitute);
  if (!replacement) {
    throw new ConflictError(`No stamped CFDI of this tenant has the UUID ${substitute}`, [
      { path: 'substitute', message: 'Stamp the replacing CFDI first, then name its UUID' },
    ]);
  }
  if (replacement.status === 'cancelled' || replacement.cfdi?.cancellation) {
    throw new ConflictError(`The CFDI ${substitute} is cancelled and cannot replace another`, [
      { path: 'substitute', message: 'The replacing CFDI must be in force' },
    ]);
  }
}

type Outcome = CfdiCancellation & CancellationResult;

/**
 * Records SAT's answer. What SAT did stands whatever else changed the invoice meanwhile (a send,
 * a payment), so a concurrent write is read again and the cancellation applied on top of it.
 */
async function record(deps: CancelCfdiDeps, read: Invoice, outcome: Outcome): Promise<Invoice> {
  let invoice = read;
  for (let attempt = 0; ; attempt++) {
    const previous = invoice.cfdi?.cancellation;
    if (previous?.status === 'cancelled') return invoice;
    if (previous && previous.status === outcome.status) return invoice;
    const at = deps.clock.now().toISOString();
    const cancellation = {
      reason: outcome.reason,
      ...(outcome.substitute ? { substitute: outcome.substitute } : {}),
      status: outcome.status,
      at: outcome.at,
    };
    const cancelled = outcome.status === 'cancelled';
    const next: Invoice = {
      ...invoice,
      ...(cancelled ? { status: 'cancelled' as const } : {}),
      cfdi: { ...(invoice.cfdi as CfdiState), cancellation },
      events: [
        ...invoice.events,
        {
          at,
          type: cancelled ? 'cancelled' : 'cancellation-pending',
          detail: {
            uuid: invoice.cfdi?.uuid,
            reason: outcome.reason,
            ...(outcome.substitute ? { substitute: outcome.substitute } : {}),
          },
        },
      ],
      version: invoice.version + 1,
      updatedAt: at,
    };
    try {
      // Cancelled at SAT, it bills nothing: its deposits are uninvoiced again, in the same write.
      const release = cancelled && next.deposits ? releasingDeposits(next.id, next.deposits) : [];
      await deps.invoices.update(next, release);
      return next;
    } catch (error) {
      if (!(error instanceof PreconditionFailedError) || attempt >= 4) throw error;
      invoice = await getInvoice(deps)(read.tenantId, read.id);
    }
  }
}
