import { ConflictError, NotFoundError } from '../errors.ts';
import type { InvoiceRepository } from '../invoices/invoice-repository.ts';
import type { Invoice } from '../invoices/model.ts';
import type { Clock } from '../ports/clock.ts';
import type { TenantRepository } from '../tenants/tenant.ts';
import { buildRegistroAlta, type RecipientIdType } from './alta.ts';
import type { RegistroAlta, SistemaInformatico } from './record.ts';
import type { RemedyRepository, StoredRecord, VerifactuRepository } from './store.ts';

/**
 * Subsanación: correcting a record AEAT rejected (Incorrecto) or accepted with errors
 * (AceptadoConErrores) with a new registro de alta for the same invoice, chained like any record.
 * The rejected record itself is never sent again; its correction is a new record, sent once.
 *
 * A record Sello held back without sending (`notSent`, see UnsendableRecord: its text could not
 * be written as XML) is corrected the same way: it is rejected and AEAT holds nothing for the
 * invoice, so its correction is an "alta por rechazo" (Subsanacion S, RechazoPrevio X), with the
 * description given (or the old one without the characters XML cannot carry) and names read
 * again from the invoice the same way.
 *
 * Only what is not an invoice mention can change here (the operation's description, how a
 * foreign recipient is identified) and everything else is regenerated from the issued invoice:
 * a change of amounts, parties or dates needs a corrective invoice instead (AEAT Validaciones
 * v1.2.2 §4.3.1: "solo podrá llevarse a cabo una subsanación cuando no se trate de una causa que
 * exija la emisión de una factura rectificativa").
 */

export interface RemedyInput {
  /** A new DescripcionOperacion; by default the one of the record corrected. */
  description?: string;
  /** How AEAT should read a foreign recipient's id (IDOtro/IDType); by default as before. */
  recipientIdType?: RecipientIdType;
}

export interface RemedyDeps {
  invoices: Pick<InvoiceRepository, 'get'>;
  tenants: Pick<TenantRepository, 'get'>;
  records: VerifactuRepository & RemedyRepository;
  clock: Clock;
  /** The system identity; absent where records are off. */
  system?: SistemaInformatico;
}

/** AEAT's "Registro de facturación duplicado": the invoice is registered there already. */
const DUPLICATE = '3000';

/** Why the invoice's latest record cannot be corrected now, or undefined when it can. */
export function remedyBlocker(history: readonly StoredRecord[]): string | undefined {
  const latest = history.at(-1);
  if (!latest) return 'the invoice has no VERI*FACTU record';
  if (latest.record.kind !== 'alta') {
    return 'the invoice was annulled; its registro de anulación is the last record';
  }
  switch (latest.submission.state) {
    case 'pending':
      return 'AEAT has not answered its latest record yet';
    case 'accepted':
      return 'AEAT accepted its latest record without errors; a change of amounts, parties or dates needs a corrective invoice';
    default:
      return undefined;
  }
}

/**
 * Subsanacion and RechazoPrevio for the correction of `history`'s latest record (AEAT
 * Validaciones v1.2.2 annex 6.1, "operativas de alta admisibles"):
 * - accepted with errors: AEAT holds the record, so an "alta de subsanación": S, no RechazoPrevio;
 * - rejected while AEAT holds no record of the invoice: "alta por rechazo": S with X;
 * - rejected while AEAT does hold the invoice (an earlier record was accepted, or the rejection
 *   was a duplicate): a correction of what it holds, S, with RechazoPrevio S when the rejected
 *   record was itself a correction ("alta por rechazo de subsanación").
 */
export function remedyFlags(
  history: readonly StoredRecord[],
): Pick<RegistroAlta, 'Subsanacion' | 'RechazoPrevio'> {
  const latest = history.at(-1)!;
  if (latest.submission.state === 'acceptedWithErrors') return { Subsanacion: 'S' };
  const heldByAeat =
    latest.submission.errors?.some((e) => e.code === DUPLICATE) === true ||
    history.some(
      (h) =>
        h.seq < latest.seq &&
        h.record.kind === 'alta' &&
        (h.submission.state === 'accepted' || h.submission.state === 'acceptedWithErrors'),
    );
  if (!heldByAeat) return { Subsanacion: 'S', RechazoPrevio: 'X' };
  return latest.record.kind === 'alta' && latest.record.Subsanacion === 'S'
    ? { Subsanacion: 'S', RechazoPrevio: 'S' }
    : { Subsanacion: 'S' };
}

export const remedyRecord =
  (deps: RemedyDeps) =>
  async (
    tenantId: string,
    invoiceId: string,
    input: RemedyInput,
  ): Promise<{ invoice: Invoice; record: StoredRecord; history: StoredRecord[] }> => {
    const invoice = await deps.invoices.get(tenantId, invoiceId);
    if (!invoice) throw new NotFoundError('Invoice', invoiceId);
    const history = await deps.records.ofInvoice(tenantId, invoiceId);
    if (history.length === 0 || !deps.system) {
      throw new NotFoundError('VERI*FACTU record of invoice', invoiceId);
    }
    const blocker = remedyBlocker(history);
    if (blocker) throw new ConflictError(`The record cannot be corrected: ${blocker}`);
    const latest = history.at(-1)!;
    const corrected = latest.record as RegistroAlta;
    const tenant = await deps.tenants.get(tenantId);
    if (!tenant) throw new NotFoundError('Tenant', tenantId);

    const remedy = remedyFlags(history);
    const previousIdType = corrected.Destinatarios?.map((d) =>
      'IDOtro' in d ? d.IDOtro.IDType : undefined,
    )[0] as RecipientIdType | undefined;
    const recipientIdType = input.recipientIdType ?? previousIdType;
    const system = deps.system;
    const record = await deps.records.appendRemedy(
      { tenantId, invoiceId, invoiceVersion: invoice.version, remediedSeq: latest.seq },
      (head) =>
        buildRegistroAlta(invoice, {
          system,
          ...(head ? { previous: head.link } : {}),
          generatedAt: deps.clock.now(),
          timezone: tenant.timezone,
          description: input.description ?? corrected.DescripcionOperacion,
          ...(corrected.ImporteRectificacion
            ? { importeRectificacion: corrected.ImporteRectificacion }
            : {}),
          ...(recipientIdType ? { recipientIdType } : {}),
          remedy,
        }),
    );
    // The invoice's records as they now stand: the corrected one points at its correction.
    const updated = [...history.slice(0, -1), { ...latest, remediedBy: record.seq }, record];
    return { invoice, record, history: updated };
  };
