import type { DocumentSource, Invoice } from '../../invoices/model.ts';
import { taskDocumentId } from '../../tasks/document-id.ts';

/** An invoice to issue from deposits, under an id its caller derived. */
export interface DepositBill {
  id: string;
  customerId: string;
  depositIds: string[];
  source: DocumentSource;
  notes?: string;
}

/** An invoice a policy made, found again by its id. */
export interface FoundBill {
  invoice: Invoice;
  /** How many deposits it bills. */
  deposits: number;
}

/**
 * How a policy makes its invoices: through the invoices area (a draft made from the deposits with
 * the tenant's deposit tax treatment, issued at once), so numbering, VERI*FACTU and the deposits'
 * marking are the ones every invoice gets.
 */
export interface DepositInvoicer {
  /**
   * Issues the invoice, marking its deposits invoiced in the numbering transaction. A
   * ConflictError when the id exists already, or when a deposit was invoiced meanwhile (its
   * `errors` then name `depositIds.<index>`).
   */
  issue(tenantId: string, bill: DepositBill): Promise<Invoice>;
  find(tenantId: string, id: string): Promise<FoundBill | undefined>;
  /** Hands issued invoices to the post-issue step (documents, notifications, webhooks). */
  handOver(invoices: Invoice[]): Promise<void>;
}

/**
 * The id of a policy's invoice for one period: derived from (customer, occurrence, currency,
 * part), so a duplicate delivery, a retry or a resumed run finds it made ("create if absent").
 * A period has one invoice per currency of its deposits, more parts only past the deposits one
 * invoice carries. Shaped like tasks' document ids (the occurrence as its time part).
 */
export const periodInvoiceId = (
  customerId: string,
  occurrence: Date,
  currency: string,
  part: number,
): string => taskDocumentId('inv', `policy:${customerId}`, occurrence, `${currency}#${part}`);

/** The id of the invoice of one deposit (a `perDeposit` policy), derived from the deposit. */
export const depositInvoiceId = (depositId: string, paidAt: string): string =>
  taskDocumentId('inv', 'deposit', new Date(paidAt), depositId);

/** The positions of deposits a ConflictError names (`depositIds.3`), if it names any. */
export function takenPositions(errors: readonly { path: string }[]): number[] {
  const out: number[] = [];
  for (const e of errors) {
    const match = /^depositIds\.(\d+)$/.exec(e.path);
    if (match) out.push(Number(match[1]));
  }
  return out;
}
