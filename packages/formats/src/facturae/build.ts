import type { Invoice } from '@sello/core/invoices';
import { node } from '../xml/canonical.ts';
import { buildAdditionalData, buildLegalLiterals } from './additional-data.ts';
import { claimLineReferences, claimText } from './claim.ts';
import { buildFileHeader } from './file-header.ts';
import { buildInvoiceHeader } from './invoice-header.ts';
import { buildIssueData } from './issue-data.ts';
import { buildItems } from './items.ts';
import { buildParties } from './parties.ts';
import { buildPaymentDetails } from './payment.ts';
import { buildInvoiceTaxes, eurosRate } from './taxes.ts';
import { buildTotals } from './totals.ts';

export const FACTURAE_NAMESPACE = 'http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml';
export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export interface FacturaeOptions {
  /** InvoiceIssueData/InvoiceDescription. */
  description?: string;
  /** Extra LegalLiterals/LegalReference texts, after the exemption reasons. */
  legalLiterals?: readonly string[];
  /** Appended to the notes in AdditionalData (e.g. the VERI*FACTU QR URL). */
  additionalInformation?: string;
}

/**
 * The unsigned Facturae 3.2.2 document of an issued invoice.
 *
 * Everything after the XML declaration is already Canonical XML 1.0 (no whitespace between
 * elements, C14N escaping, start and end tags for empty elements), so `signFacturae` digests it
 * as written. Only the root is namespace-qualified: the schema's local elements are unqualified.
 */
export function buildFacturae(invoice: Invoice, options: FacturaeOptions = {}): string {
  const body = node(
    'Invoice',
    buildInvoiceHeader(invoice) +
      buildIssueData(invoice, options.description) +
      buildInvoiceTaxes(invoice) +
      buildTotals(invoice.totals) +
      buildItems(
        invoice.lines,
        invoice.language,
        eurosRate(invoice),
        claimLineReferences(invoice.claim),
      ) +
      buildPaymentDetails(invoice) +
      buildLegalLiterals(invoice, options.legalLiterals) +
      buildAdditionalData(
        invoice,
        [invoice.claim && claimText(invoice.claim, invoice.language), options.additionalInformation]
          .filter(Boolean)
          .join('\n'),
      ),
  );
  return (
    `${XML_DECLARATION}\n<fe:Facturae xmlns:fe="${FACTURAE_NAMESPACE}">` +
    buildFileHeader(invoice) +
    buildParties(invoice.issuer, invoice.customer) +
    node('Invoices', body) +
    '</fe:Facturae>'
  );
}
