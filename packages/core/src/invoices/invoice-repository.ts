import type { Page, PageRequest } from '../shared/page.ts';
import type { BillingRecord } from '../verifactu/record.ts';
import type { ChainHead } from '../verifactu/store.ts';
import type { Invoice, InvoiceStatus } from './model.ts';

export interface InvoiceFilter {
  status?: InvoiceStatus;
  customerId?: string;
  series?: string;
  from?: string;
  to?: string;
  taskId?: string;
}

/** What the numbering transaction read of its series counter. */
export interface CounterState {
  /** Last sequence given in the period (0 when none yet). */
  last: number;
  /** Issue date of the last invoice numbered in the period. */
  lastIssueDate?: string;
}

/** What the issuing transaction read: the series counter and, when chaining, the chain head. */
export interface IssueState extends CounterState {
  chain?: ChainHead;
}

/**
 * A deposit an issue takes or gives back, in the numbering transaction, conditioned on who holds
 * it: so two issues over one deposit give one invoice, and the other fails naming `path`.
 */
export interface DepositChange {
  depositId: string;
  /** The invoice that bills it after the write; absent: it is uninvoiced again. */
  to?: string;
  /** The invoice that bills it now; absent: it must be uninvoiced. */
  from?: string;
  /** The request field that named it, e.g. `depositIds.2`: what a refusal names. */
  path: string;
}

/** What the issuing transaction writes besides the counter. */
export interface IssueWrite {
  invoice: Invoice;
  /** Further invoices changed in the same transaction (the corrected original). */
  also?: Invoice[];
  /** The VERI*FACTU record, appended to the tenant's chain in the same transaction. */
  record?: BillingRecord;
  /** Deposits the issue marks invoiced (or gives back, cancelling), all or none with it. */
  deposits?: DepositChange[];
}

/**
 * The deposits one invoice may bill: each is a conditional write in the numbering transaction,
 * and a DynamoDB transaction holds at most 100 items (see the numbering adapter).
 */
export const MAX_DEPOSITS_PER_INVOICE = 90;

export interface InvoiceRepository {
  create(invoice: Invoice): Promise<void>;
  get(tenantId: string, id: string): Promise<Invoice | undefined>;
  list(tenantId: string, filter: InvoiceFilter & PageRequest): Promise<Page<Invoice>>;
  /** Replaces a draft if it is still a draft at `next.version - 1`. */
  updateDraft(next: Invoice): Promise<void>;
  /**
   * Replaces an issued invoice (status changes, events) if still at `next.version - 1`, with
   * `deposits` changed in the same transaction (a cancellation gives its deposits back).
   */
  update(next: Invoice, deposits?: readonly DepositChange[]): Promise<void>;
  /**
   * Numbers a draft atomically: reads the series counter (and, with `chain`, the tenant's
   * VERI*FACTU chain head), lets `build` make the issued invoice and its record from them, and
   * writes counter, invoice, record and new head in one transaction conditioned on none having
   * moved; retries when another issue got there first. So numbers are gapless and unique, and the
   * chain is one line with no forks, under any concurrency. A draft at version 0 is new and is
   * created by the transaction (a corrective).
   */
  issue(
    draft: Invoice,
    counter: { series: string; period: string },
    build: (state: IssueState) => IssueWrite,
    /** `deposits`: how many deposit changes `build` will make, when not the draft's deposits. */
    options?: { chain?: boolean; deposits?: number },
  ): Promise<IssueWrite>;
  /**
   * Writes `next` (if still at `next.version - 1`) together with a record appended to the
   * tenant's chain, built from the head read; retries when another record got there first.
   */
  updateWithRecord(
    next: Invoice,
    build: (chain: ChainHead | undefined) => BillingRecord,
  ): Promise<BillingRecord>;
}

/** Kept apart from InvoiceRepository: only deleting drafts needs it. */
export interface DraftDeletion {
  /**
   * Deletes a draft if it is still the draft read (same version, still a draft): otherwise a
   * PreconditionFailedError, since it was changed or issued meanwhile.
   */
  deleteDraft(draft: Invoice): Promise<void>;
}
