import type { CorrectiveData, Invoice } from '@sello/core/invoices';
import { REASONS } from '@sello/core/invoices';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';
import { FacturaeBuildError } from './errors.ts';
import { clip, date, identifier } from './format.ts';

/**
 * ReasonDescriptionType is a closed list whose texts must match the code exactly (the schema's
 * own spelling, including "Razón Social-Emisor" and "envases / embalajes"); the table lives in core
 * with the corrective use cases. The model's free text goes to AdditionalReasonDescription.
 */
export const REASON_DESCRIPTIONS: Readonly<Record<string, string>> = REASONS;

const CORRECTION_METHODS = {
  substitution: { code: '01', description: 'Rectificación íntegra' },
  differences: { code: '02', description: 'Rectificación por diferencias' },
} as const;

/** The invoice number: only issued invoices have one, and only they can be exported. */
export function invoiceNumber(invoice: Invoice): string {
  if (invoice.number === undefined || invoice.number.trim() === '') {
    throw new FacturaeBuildError('the invoice has no number yet; issue it first', 'number');
  }
  return identifier(invoice.number, 'number', 20);
}

/** The issue date: set when the invoice is issued, like the number. */
export function issueDate(invoice: Invoice): string {
  if (!invoice.issueDate) {
    throw new FacturaeBuildError('the invoice has no issue date yet; issue it first', 'issueDate');
  }
  return date(invoice.issueDate, 'issueDate');
}

export function buildInvoiceHeader(invoice: Invoice): string {
  const series = invoice.series.trim();
  const corrective = invoice.kind === 'corrective';
  if (corrective && !invoice.corrective) {
    throw new FacturaeBuildError('a corrective invoice needs its corrective data', 'corrective');
  }
  return node(
    'InvoiceHeader',
    leaf('InvoiceNumber', invoiceNumber(invoice)) +
      (series ? leaf('InvoiceSeriesCode', identifier(series, 'series', 20)) : '') +
      leaf('InvoiceDocumentType', 'FC') +
      leaf('InvoiceClass', corrective ? 'OR' : 'OO') +
      (corrective ? buildCorrective(invoice.corrective!) : ''),
  );
}

export function buildCorrective(data: CorrectiveData): string {
  const reason = REASON_DESCRIPTIONS[data.reasonCode];
  if (!reason) {
    throw new FacturaeBuildError(
      `reason code "${data.reasonCode}" is not a Facturae ReasonCode (01–16, 80–85)`,
      'corrective.reasonCode',
    );
  }
  const method = CORRECTION_METHODS[data.method];
  if (!method) {
    throw new FacturaeBuildError(`unknown correction method ${data.method}`, 'corrective.method');
  }
  const series = data.originalSeries.trim();
  return node(
    'Corrective',
    leaf('InvoiceNumber', identifier(data.originalNumber, 'corrective.originalNumber', 20)) +
      (series
        ? leaf('InvoiceSeriesCode', identifier(series, 'corrective.originalSeries', 20))
        : '') +
      leaf('ReasonCode', data.reasonCode) +
      leaf('ReasonDescription', reason) +
      node(
        'TaxPeriod',
        leaf('StartDate', date(data.period.start, 'corrective.period.start')) +
          leaf('EndDate', date(data.period.end, 'corrective.period.end')),
      ) +
      leaf('CorrectionMethod', method.code) +
      leaf('CorrectionMethodDescription', method.description) +
      optionalLeaf('AdditionalReasonDescription', clip(data.reasonDescription, 2500)) +
      leaf('InvoiceIssueDate', date(data.originalIssueDate, 'corrective.originalIssueDate')),
  );
}
