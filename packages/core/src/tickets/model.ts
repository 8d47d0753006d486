import type { PaymentMeans } from '../invoices/model.ts';
import type { ReferencedStore } from '../shared/import-by-reference.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { LineTax, TaxType } from '../taxes/model.ts';

/**
 * A sales ticket (a simplified invoice the tenant's till already gave the buyer): what the buyer
 * may later turn into a complete invoice on the self-invoicing page, or what goes into a global
 * invoice. Unique per (tenant, reference). Money is decimal strings.
 */
export type TicketStatus = 'open' | 'invoiced' | 'global';

/** One row of the ticket's tax breakdown: base and quota of one tax and rate. */
export interface TicketTax {
  type: TaxType;
  rate: string;
  base: string;
  amount: string;
  exemption?: LineTax['exemption'];
  notSubject?: LineTax['notSubject'];
}

/** A line as the ticket printed it; prices without taxes, as invoice lines take them. */
export interface TicketLine {
  description: string;
  quantity: string;
  unitPrice: string;
  discountRate?: string;
  taxes: LineTax[];
  /** Mexican tenants: ClaveProdServ and ClaveUnidad of SAT's catalogues. */
  satProductKey?: string;
  satUnitKey?: string;
}

/** What a client sends for one ticket. */
export interface TicketInput {
  /** The ticket's number as printed on it (what the buyer types). */
  reference: string;
  /** The sale instant, ISO 8601 with its offset as the till gave it, e.g. 2026-12-07T10:15:00+01:00. */
  date: string;
  total: string;
  /** ISO 4217 alphabetic code. */
  currency: string;
  taxes?: TicketTax[];
  lines?: TicketLine[];
  /** The store or till that sold it. */
  store?: string;
  /** How the buyer paid (Mexico: the factura global's FormaPago is that of its largest sale). */
  paymentMeans?: PaymentMeans;
}

export interface Ticket extends TicketInput {
  /** Derived from the reference (see `ticketId`), so a retried import names the same ids. */
  id: string;
  tenantId: string;
  status: TicketStatus;
  /** The complete invoice made from it (status `invoiced`). */
  invoiceId?: string;
  /** The global invoice it went into (status `global`). */
  globalInvoiceId?: string;
  /** The sale instant in UTC: what lists sort and filter by. */
  soldAt: string;
  /** Of the ticket's content (`contentHash`): a second import with other content is refused. */
  contentHash: string;
  /**
   * Set while the invoice named by `invoiceId` is being issued (a redemption's claim), removed
   * once it is: a claim pending long after it was made belongs to a redemption that died.
   */
  claimedAt?: string;
  /** A buyer asked for the invoice after the limit; the tenant approves it (settings `afterLimit`). */
  lateRequest?: LateRequest;
  /** The last late request the tenant declined, with why (the buyer was told). */
  declinedLateRequest?: DeclinedLateRequest;
  /** The import request that wrote it: what an import that lost a race takes back. */
  importId: string;
  createdAt: string;
  updatedAt: string;
}

/** A buyer's request to invoice a ticket past its limit, kept on the ticket until approved. */
export interface LateRequest {
  buyer: {
    taxId: string;
    name: string;
    postalCode: string;
    taxRegime?: string;
    cfdiUse?: string;
    address?: { line1: string; city: string; province?: string; country?: string };
  };
  email: string;
  requestedAt: string;
}

/** A late request the tenant declined: no longer approvable; the buyer was mailed the reason. */
export interface DeclinedLateRequest extends LateRequest {
  declinedAt: string;
  reason: string;
}

export interface TicketListQuery extends PageRequest {
  /** Only tickets with a late request awaiting approval. */
  lateRequest?: 'pending';
  status?: TicketStatus;
  store?: string;
  reference?: string;
  /** Sale dates (YYYY-MM-DD, UTC), inclusive. */
  from?: string;
  to?: string;
}

/**
 * Tickets, unique per (tenant, reference): `getMany`, `createNew` and `takeBack` are an import's
 * (see `importByReference`); `takeBack` deletes only tickets still open.
 */
export interface TicketRepository extends ReferencedStore<Ticket> {
  get(tenantId: string, reference: string): Promise<Ticket | undefined>;
  /** Newest sale first. */
  list(tenantId: string, query: TicketListQuery): Promise<Page<Ticket>>;
  /**
   * Claims an open ticket for invoice `invoiceId` (status `invoiced`, `claimedAt` set), or takes
   * over a claim still pending from before `staleBefore`. False when the ticket is not open and
   * its claim is not stale: another redemption holds it. One conditional write, so of any number
   * of concurrent redemptions exactly one claims the ticket. With `lateRequestAt` (an approval),
   * only while the late request made then still awaits: a decline meanwhile wins.
   */
  claim(
    tenantId: string,
    reference: string,
    invoiceId: string,
    at: string,
    staleBefore: string,
    lateRequestAt?: string,
  ): Promise<boolean>;
  /** Records a late request on an open or `global` ticket without one; false otherwise. */
  requestLate(tenantId: string, reference: string, request: LateRequest): Promise<boolean>;
  /** The claimed invoice was issued: the claim is final (and a late request, answered). */
  confirm(tenantId: string, reference: string, invoiceId: string): Promise<void>;
  /** The claimed invoice could not be issued: the ticket is open again. */
  release(tenantId: string, reference: string, invoiceId: string): Promise<void>;
  /**
   * Open (without a late request) → `global` of `globalId`, pending (`claimedAt`); true also when
   * that global holds it already. One conditional write, as `claim`.
   */
  claimForGlobal(
    tenantId: string,
    reference: string,
    globalId: string,
    at: string,
  ): Promise<boolean>;
  /** The global was stamped: its claim is final (`claimedAt` removed). */
  confirmGlobal(tenantId: string, reference: string, globalId: string): Promise<void>;
  /** The global was not made: the ticket it held pending is open again. */
  releaseGlobal(tenantId: string, reference: string, globalId: string): Promise<void>;
  /** From global `fromId` into its reissue `toId`, pending again; false if not in `fromId`. */
  moveGlobal(
    tenantId: string,
    reference: string,
    fromId: string,
    toId: string,
    at: string,
  ): Promise<boolean>;
  /**
   * Out of the stamped global `globalId` into the buyer's invoice `invoiceId` (`invoiced`,
   * claimed as `claim` does); false when that global does not hold it (finally).
   */
  claimFromGlobal(
    tenantId: string,
    reference: string,
    globalId: string,
    invoiceId: string,
    at: string,
    lateRequestAt?: string,
  ): Promise<boolean>;
}

/** What clients see, in a stable field order. */
export function ticketView(t: Ticket) {
  return {
    id: t.id,
    reference: t.reference,
    date: t.date,
    total: t.total,
    currency: t.currency,
    ...(t.taxes ? { taxes: t.taxes } : {}),
    ...(t.lines ? { lines: t.lines } : {}),
    ...(t.store !== undefined ? { store: t.store } : {}),
    ...(t.paymentMeans ? { paymentMeans: t.paymentMeans } : {}),
    status: t.status,
    ...(t.invoiceId ? { invoiceId: t.invoiceId } : {}),
    ...(t.globalInvoiceId ? { globalInvoiceId: t.globalInvoiceId } : {}),
    ...(t.lateRequest
      ? {
          lateRequest: {
            requestedAt: t.lateRequest.requestedAt,
            buyer: { taxId: t.lateRequest.buyer.taxId, name: t.lateRequest.buyer.name },
            email: t.lateRequest.email,
          },
        }
      : {}),
    ...(t.declinedLateRequest
      ? {
          declinedLateRequest: {
            requestedAt: t.declinedLateRequest.requestedAt,
            buyer: {
              taxId: t.declinedLateRequest.buyer.taxId,
              name: t.declinedLateRequest.buyer.name,
            },
            email: t.declinedLateRequest.email,
            declinedAt: t.declinedLateRequest.declinedAt,
            reason: t.declinedLateRequest.reason,
          },
        }
      : {}),
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}
