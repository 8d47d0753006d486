import type { PaymentMeans } from '../invoices/model.ts';
import type { ReferencedStore } from '../shared/import-by-reference.ts';
import type { Page, PageRequest } from '../shared/page.ts';

/**
 * A prepaid deposit: money a customer paid in advance (a top-up of its balance), which the tenant
 * must invoice. Unique per (tenant, reference): the payment's own reference (the PSP's charge id,
 * the bank transfer's reference), so a payment notified twice is one deposit. Money is decimal
 * strings in the deposit's currency.
 */
export const DEPOSIT_STATUSES = ['uninvoiced', 'invoiced', 'refunded'] as const;
export type DepositStatus = (typeof DEPOSIT_STATUSES)[number];

/** What a client sends for one deposit. */
export interface DepositInput {
  /** The customer (account) whose balance it tops up. */
  customerId: string;
  /** What was paid, taxes included, in `currency`'s minor units at most. */
  amount: string;
  /** ISO 4217 alphabetic code. */
  currency: string;
  /** The payment instant, ISO 8601 with its offset, e.g. 2026-12-07T10:15:00+01:00. */
  date: string;
  method: PaymentMeans;
  /** The payment's own reference: what makes a repeated notification the same deposit. */
  reference: string;
}

export interface Deposit extends DepositInput {
  /** Derived from the reference (see `depositId`), so a retried import names the same ids. */
  id: string;
  tenantId: string;
  status: DepositStatus;
  /** The invoice that bills it, once invoiced. */
  invoiceId?: string;
  /** `date` as a UTC instant: what lists and periods sort and cut by. */
  paidAt: string;
  contentHash: string;
  /** The import that wrote it (an import taken back deletes only its own). */
  importId: string;
  createdAt: string;
  updatedAt: string;
}

export interface DepositListQuery extends PageRequest {
  customerId?: string;
  status?: DepositStatus;
  /** Payment days (YYYY-MM-DD, UTC), inclusive. */
  from?: string;
  to?: string;
}

/**
 * Deposits, unique per (tenant, reference): `getMany`, `createNew` and `takeBack` are an
 * import's (see `importByReference`); `takeBack` deletes only deposits still uninvoiced.
 */
export interface DepositRepository extends ReferencedStore<Deposit> {
  get(tenantId: string, reference: string): Promise<Deposit | undefined>;
  /** Newest payment first. */
  list(tenantId: string, query: DepositListQuery): Promise<Page<Deposit>>;
  /**
   * A customer's deposits still `uninvoiced` and paid strictly before `before` (an instant),
   * oldest payment first: what an invoicing policy's run bills. Read from the customer's index,
   * which may lag a write by a moment (a deposit not seen yet is billed by the next run).
   */
  uninvoicedBefore(tenantId: string, customerId: string, before: string): Promise<Deposit[]>;
}

/** What clients see of a deposit, in a stable field order. */
export function depositView(d: Deposit) {
  return {
    id: d.id,
    reference: d.reference,
    customerId: d.customerId,
    amount: d.amount,
    currency: d.currency,
    date: d.date,
    method: d.method,
    status: d.status,
    ...(d.invoiceId ? { invoiceId: d.invoiceId } : {}),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}
