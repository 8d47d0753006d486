import { type DocumentDeps, storedDocuments } from './documents.ts';
import type { InvoiceRepository } from './invoice-repository.ts';
import type { Invoice } from './model.ts';

/**
 * Runs after invoices were numbered and committed (issue, rectify, cancel, split, import), outside
 * the request's critical path where the platform allows it. Each subscriber must be idempotent:
 * the same invoice may be handed over again after a retry.
 */
export type IssuedInvoicesSubscriber = (
  invoices: readonly Invoice[],
  // biome-ignore lint/suspicious/noConfusingVoidType: most subscribers change nothing and return nothing
) => Promise<readonly Invoice[] | void>;

/**
 * Hands just-numbered invoices to the asynchronous step (`processIssuedInvoices`): documents, then
 * notifications. Called after the numbering transaction committed, outside it.
 */
export interface AfterIssue {
  handOver(tenantId: string, invoiceIds: readonly string[]): Promise<void>;
}

/** Where a request reports what it could not hand over (the function's logger). */
export interface FailureLog {
  error(message: string, detail: Record<string, unknown>): void;
}

/**
 * The hand-over as a request does it. The numbers are committed by then, so a failed hand-over
 * must not fail the answer (the client would retry and be told the invoice is issued): it is
 * logged, and the documents are made on first read instead.
 */
export const handOverIssued =
  (afterIssue: AfterIssue, log: FailureLog) =>
  async (invoices: readonly Invoice[]): Promise<void> => {
    const first = invoices[0];
    if (!first) return;
    const invoiceIds = invoices.map((i) => i.id);
    await afterIssue.handOver(first.tenantId, invoiceIds).catch((error: unknown) =>
      log.error('post-issue step not started; documents will be made on first read', {
        error,
        invoiceIds,
      }),
    );
  };

export interface ProcessIssuedDeps {
  invoices: InvoiceRepository;
  /** Run in order, each with every invoice; `storeDocuments` comes first. */
  subscribers: readonly IssuedInvoicesSubscriber[];
}

export interface ProcessIssuedResult {
  processed: string[];
  /** Ids that are not (or no longer) issued invoices of the tenant: nothing to do for them. */
  skipped: string[];
}

/**
 * The asynchronous step after numbering: reads each invoice as stored and runs every subscriber
 * with them. One failing subscriber does not stop the others; the step then fails as a whole, so
 * the platform retries it, and subscribers are idempotent (a retry hands the same invoices again).
 */
export const processIssuedInvoices =
  (deps: ProcessIssuedDeps) =>
  async (tenantId: string, invoiceIds: readonly string[]): Promise<ProcessIssuedResult> => {
    const read = await Promise.all(invoiceIds.map((id) => deps.invoices.get(tenantId, id)));
    const invoices = read.filter((i): i is Invoice => !!i && i.status !== 'draft');
    const processed = invoices.map((i) => i.id);
    const skipped = invoiceIds.filter((id) => !processed.includes(id));
    if (!invoices.length) return { processed, skipped };
    const failures: unknown[] = [];
    // A subscriber that changes the invoices (stamping) hands the changed ones to the next.
    let current: readonly Invoice[] = invoices;
    for (const subscriber of deps.subscribers) {
      const changed = await subscriber(current).catch((error: unknown) => {
        failures.push(error);
      });
      if (changed) current = changed;
    }
    if (failures.length) {
      throw new AggregateError(
        failures,
        `${failures.length} of ${deps.subscribers.length} post-issue steps failed for ${processed.join(', ')}`,
      );
    }
    return { processed, skipped };
  };

/**
 * The first subscriber: both documents of every invoice, in the store. Idempotent: what a retry
 * or an earlier download stored is found and left as it is (no second version under Object Lock).
 */
export const storeDocuments =
  (deps: Omit<DocumentDeps, 'invoices'>): IssuedInvoicesSubscriber =>
  async (invoices) => {
    const documents = storedDocuments(deps);
    for (const invoice of invoices)
      await documents.ensure(invoice, deps.formats.storedFor(invoice));
  };
