import type { Invoice } from '@sello/core/invoices';
import { leaf, node } from '../xml/canonical.ts';
import { amount2, clip } from './format.ts';
import { invoiceNumber } from './invoice-header.ts';

/** Facturae's single-invoice batch: the file carries exactly this invoice and its totals. */
export function buildFileHeader(invoice: Invoice): string {
  const total = amount2(invoice.totals.total, 'totals.total');
  const amount = (name: string) => node(name, leaf('TotalAmount', total));
  // Unique per issuer and invoice, as the schema's note asks: tax id + series + number.
  const batchId = clip(`${invoice.issuer.taxId}${invoice.series}${invoiceNumber(invoice)}`, 70);
  return node(
    'FileHeader',
    leaf('SchemaVersion', '3.2.2') +
      leaf('Modality', 'I') +
      leaf('InvoiceIssuerType', 'EM') +
      node(
        'Batch',
        leaf('BatchIdentifier', batchId) +
          leaf('InvoicesCount', '1') +
          amount('TotalInvoicesAmount') +
          amount('TotalOutstandingAmount') +
          amount('TotalExecutableAmount') +
          leaf('InvoiceCurrencyCode', invoice.currency),
      ),
  );
}
