import type { En16931Invoice } from '../en16931/document.ts';
import { node } from '../xml/canonical.ts';
import { amount } from './format.ts';

/** LegalMonetaryTotal (BG-22): Sello has no document-level allowances, charges or rounding. */
export function buildTotals(doc: En16931Invoice): string {
  const t = doc.totals;
  return node(
    'cac:LegalMonetaryTotal',
    amount('cbc:LineExtensionAmount', t.lineNet, doc.currency) +
      amount('cbc:TaxExclusiveAmount', t.taxExclusive, doc.currency) +
      amount('cbc:TaxInclusiveAmount', t.taxInclusive, doc.currency) +
      (t.prepaid ? amount('cbc:PrepaidAmount', t.prepaid, doc.currency) : '') +
      amount('cbc:PayableAmount', t.payable, doc.currency),
  );
}
