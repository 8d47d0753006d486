import type { Invoice } from '@sello/core/invoices';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';
import { clip, date } from './format.ts';
import { issueDate } from './invoice-header.ts';

/** InvoiceIssueData: dates, currency (EUR, so no exchange rate) and language. */
export function buildIssueData(invoice: Invoice, description?: string): string {
  const operationDate =
    invoice.operationDate && invoice.operationDate !== invoice.issueDate
      ? leaf('OperationDate', date(invoice.operationDate, 'operationDate'))
      : '';
  return node(
    'InvoiceIssueData',
    leaf('IssueDate', issueDate(invoice)) +
      operationDate +
      leaf('InvoiceCurrencyCode', invoice.currency) +
      leaf('TaxCurrencyCode', invoice.currency) +
      // Sello's languages (es, ca, en) are all in Facturae's LanguageCodeType.
      leaf('LanguageName', invoice.language) +
      optionalLeaf('InvoiceDescription', description && clip(description, 2500)),
  );
}
