import type { ParsedDocument } from '../documents/parsed.ts';
import { ConflictError } from '../errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { ExchangeInvoice } from './exchange-invoice.ts';
import type { InboxStatus } from './model.ts';

export interface InboxFilter {
  /** Normalised as tax ids are stored (upper case, no separators, no ES prefix). */
  issuerTaxId?: string;
  status?: InboxStatus;
  /** Issue dates, inclusive. */
  from?: string;
  to?: string;
}

/**
 * Issued invoices addressed to one tax id, across every issuer on the platform, newest first.
 * Drafts are never in it; voided invoices are left out.
 */
export interface InboxRepository {
  list(buyerTaxId: string, filter: InboxFilter & PageRequest): Promise<Page<ExchangeInvoice>>;
}

/** The tenant's invoice that holds a number: imported, or issued here. */
export interface NumberHolder {
  invoiceId: string;
  origin: 'import' | 'issued';
}

export interface ImportRepository {
  /**
   * The tenant's invoice that already holds this number, imported or issued here, if any.
   * `issueDate` is the date the document states: an invoice issued before issuing claimed its
   * number is found by its date and number.
   */
  numberHolder(
    tenantId: string,
    number: string,
    issueDate: string,
  ): Promise<NumberHolder | undefined>;
  /**
   * Records an imported invoice and claims its number for the tenant in one write, so an import
   * never lands on a number another import or an issue claimed; a taken number is the
   * ConflictError of `numberTaken`.
   */
  record(invoice: ExchangeInvoice): Promise<void>;
}

/** The 409 of a number the tenant's invoices hold already, naming the invoice that holds it. */
export function numberTaken(number: string, holder: NumberHolder): ConflictError {
  const message =
    holder.origin === 'import'
      ? `Invoice ${number} was already imported as ${holder.invoiceId}`
      : `Invoice ${number} was issued here as ${holder.invoiceId}`;
  return new ConflictError(message, [{ path: 'number', message }]);
}

/**
 * Reads someone's XML e-invoice (Facturae, UBL, CII): its format, what it says, whether it is
 * valid and whether its signature verifies. An invalid invoice is reported, not thrown; what is
 * not a document to read at all (empty, too large, not XML, a DOCTYPE) throws a ValidationError.
 */
export interface DocumentReader {
  read(bytes: Uint8Array): Promise<ParsedDocument>;
}
