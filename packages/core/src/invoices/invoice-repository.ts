import type { Page, PageRequest } from '../shared/page.ts';
import type { Invoice, InvoiceStatus } from './model.ts';

export interface InvoiceFilter {
  status?: InvoiceStatus;
  customerId?: string;
  series?: string;
  from?: string;
  to?: string;
}

/** What the numbering transaction read of its series counter. */
export interface CounterState {
  /** Last sequence given in the period (0 when none yet). */
  last: number;
  /** Issue date of the last invoice numbered in the period. */
  lastIssueDate?: string;
}

export interface InvoiceRepository {
  create(invoice: Invoice): Promise<void>;
  get(tenantId: string, id: string): Promise<Invoice | undefined>;
  list(tenantId: string, filter: InvoiceFilter & PageRequest): Promise<Page<Invoice>>;
  /** Replaces a draft if it is still a draft at `next.version - 1`. */
  updateDraft(next: Invoice): Promise<void>;
  /** Replaces an issued invoice (status changes, events) if still at `next.version - 1`. */
  update(next: Invoice): Promise<void>;
  /**
   * Numbers a draft atomically: reads the series counter, lets `number` build the issued invoice
   * from it, and writes counter + invoice in one transaction conditioned on both being unchanged;
   * retries when another issue took the number first. Gapless and unique under any concurrency.
   * A draft at version 0 is new and created by the transaction (a corrective). `also` gives
   * further invoices to write in the same transaction (the corrected original), after `number`.
   */
  issue(
    draft: Invoice,
    counter: { series: string; period: string },
    number: (state: CounterState) => Invoice,
    also?: () => Invoice[],
  ): Promise<Invoice>;
}
