import type { ParsedDocument } from '../documents/parsed.ts';
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

export interface ImportRepository {
  /** The id of the invoice the tenant already imported under this number, if any. */
  importedNumber(tenantId: string, number: string): Promise<string | undefined>;
  /**
   * Records an imported invoice and claims its number for the tenant in one write, so two
   * imports of the same number never both land; a taken number is a ConflictError.
   */
  record(invoice: ExchangeInvoice): Promise<void>;
}

/**
 * Reads someone's XML e-invoice (Facturae, UBL, CII): its format, what it says, whether it is
 * valid and whether its signature verifies. An invalid invoice is reported, not thrown; what is
 * not a document to read at all (empty, too large, not XML, a DOCTYPE) throws a ValidationError.
 */
export interface DocumentReader {
  read(bytes: Uint8Array): Promise<ParsedDocument>;
}
