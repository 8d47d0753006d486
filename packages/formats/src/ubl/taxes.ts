import type { En16931Invoice } from '../en16931/document.ts';
import type { VatRow } from '../en16931/vat.ts';
import { leaf, node, optionalLeaf } from '../xml/canonical.ts';
import { amount, taxScheme } from './format.ts';

/**
 * TaxTotal with one TaxSubtotal per VAT breakdown row (BG-23), and for an invoice not in the
 * seller's accounting currency a second one with only the VAT total in that currency (BT-111,
 * PEPPOL-EN16931-R054).
 */
export function buildTaxTotal(doc: En16931Invoice): string {
  return (
    node(
      'cac:TaxTotal',
      amount('cbc:TaxAmount', doc.taxTotal, doc.currency) +
        doc.vat.map((row) => buildTaxSubtotal(row, doc.currency)).join(''),
    ) +
    (doc.taxCurrency
      ? node(
          'cac:TaxTotal',
          amount('cbc:TaxAmount', doc.taxCurrency.taxTotal, doc.taxCurrency.code),
        )
      : '')
  );
}

export function buildTaxSubtotal(row: VatRow, currency: string): string {
  return node(
    'cac:TaxSubtotal',
    amount('cbc:TaxableAmount', row.base, currency) +
      amount('cbc:TaxAmount', row.amount, currency) +
      node(
        'cac:TaxCategory',
        leaf('cbc:ID', row.code) +
          optionalLeaf('cbc:Percent', row.rate) +
          optionalLeaf('cbc:TaxExemptionReasonCode', row.exemptionCode) +
          optionalLeaf('cbc:TaxExemptionReason', row.exemptionReason) +
          taxScheme('VAT'),
      ),
  );
}

/**
 * IRPF as UBL 2.1's WithholdingTaxTotal, the place the OASIS UBL TC points to for Spain's
 * withholding: a reader of Spanish invoices finds rate and base there. EN 16931 has no such term
 * (the CEN rules warn, UBL-CR-513, never fail); the amount due already excludes it through the paid
 * amount (BT-113). UBL 2.1 CreditNote has no WithholdingTaxTotal, so a credit note omits it.
 */
export function buildWithholdingTaxTotal(doc: En16931Invoice): string {
  if (!doc.withholding || doc.kind === 'creditNote') return '';
  return node(
    'cac:WithholdingTaxTotal',
    amount('cbc:TaxAmount', doc.withholding.total, doc.currency) +
      doc.withholding.rows
        .map((row) =>
          node(
            'cac:TaxSubtotal',
            amount('cbc:TaxableAmount', row.base, doc.currency) +
              amount('cbc:TaxAmount', row.amount, doc.currency) +
              node('cac:TaxCategory', leaf('cbc:Percent', row.rate) + taxScheme('IRPF')),
          ),
        )
        .join(''),
  );
}
