import type { Invoice } from '@sello/core/invoices';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';
import { FacturaeBuildError } from './errors.ts';
import { clip, date, upTo8 } from './format.ts';
import { issueDate } from './invoice-header.ts';

/**
 * InvoiceIssueData: dates, currencies and language. Taxes are declared in euros (TaxCurrencyCode
 * EUR); an invoice in another currency carries ExchangeRateDetails (RD 1619/2012 art. 10.1:
 * the rate in force when the tax accrues), dated the operation date or else the issue date, and
 * every tax amount its EquivalentInEuros (taxes.ts). ExchangeRate is the invoice's own
 * `exchangeRate`: euros per unit of the invoice currency, so EquivalentInEuros = amount × rate.
 */
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
      exchangeRateDetails(invoice) +
      leaf('TaxCurrencyCode', 'EUR') +
      // Sello's languages (es, ca, en) are all in Facturae's LanguageCodeType.
      leaf('LanguageName', invoice.language) +
      optionalLeaf('InvoiceDescription', description && clip(description, 2500)),
  );
}

function exchangeRateDetails(invoice: Invoice): string {
  if (invoice.currency === 'EUR') return '';
  if (!invoice.exchangeRate) {
    throw new FacturaeBuildError(
      `An invoice in ${invoice.currency} needs its exchange rate to EUR`,
      'exchangeRate',
    );
  }
  return node(
    'ExchangeRateDetails',
    leaf('ExchangeRate', upTo8(invoice.exchangeRate, 'exchangeRate')) +
      leaf('ExchangeRateDate', date(invoice.operationDate ?? invoice.issueDate, 'issueDate')),
  );
}
