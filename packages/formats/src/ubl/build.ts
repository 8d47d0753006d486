import type { Invoice } from '@sello/core/invoices';
import { type ExportOptions, toEn16931 } from '../en16931/document.ts';
import { UBL_NAMESPACES } from './format.ts';
import { buildHeader, buildReferences } from './header.ts';
import { buildLine } from './lines.ts';
import { buildDelivery, buildParties } from './parties.ts';
import { buildPayment } from './payment.ts';
import { buildTaxTotal, buildWithholdingTaxTotal } from './taxes.ts';
import { buildTotals } from './totals.ts';

export type UblOptions = ExportOptions;

const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const NAMESPACES = ` xmlns:cac="${UBL_NAMESPACES.cac}" xmlns:cbc="${UBL_NAMESPACES.cbc}"`;

/**
 * An issued invoice (or corrective) as UBL 2.1 following Peppol BIS Billing 3.0: an Invoice, or
 * a CreditNote when its total is negative (see `toEn16931` for the sign rule). The document is
 * written as one string in schema order, with no whitespace between elements.
 */
export function buildUbl(invoice: Invoice, options: UblOptions = {}): string {
  const doc = toEn16931(invoice, options);
  const creditNote = doc.kind === 'creditNote';
  const root = creditNote ? 'CreditNote' : 'Invoice';
  const namespace = creditNote ? UBL_NAMESPACES.creditNote : UBL_NAMESPACES.invoice;
  return (
    `${XML_DECLARATION}<${root} xmlns="${namespace}"${NAMESPACES}>` +
    buildHeader(doc) +
    buildReferences(doc) +
    buildParties(doc) +
    buildDelivery(doc) +
    buildPayment(doc) +
    buildTaxTotal(doc) +
    buildWithholdingTaxTotal(doc) +
    buildTotals(doc) +
    doc.lines.map((line) => buildLine(line, creditNote, doc.currency)).join('') +
    `</${root}>`
  );
}
