import type { Totals } from '@sello/core/taxes';
import { leaf, node } from '../xml/canonical.ts';
import { amount2 } from './format.ts';

/**
 * InvoiceTotals from the engine's totals. Sello has no invoice-level discounts or charges, so the
 * gross amount before taxes equals the sum of the line bases (`net`) and both general totals are
 * zero; nothing is paid on account or retained as a guarantee, so the outstanding and executable
 * amounts are the invoice total.
 */
export function buildTotals(totals: Totals): string {
  const net = amount2(totals.net, 'totals.net');
  const total = amount2(totals.total, 'totals.total');
  return node(
    'InvoiceTotals',
    leaf('TotalGrossAmount', net) +
      leaf('TotalGeneralDiscounts', '0.00') +
      leaf('TotalGeneralSurcharges', '0.00') +
      leaf('TotalGrossAmountBeforeTaxes', net) +
      leaf('TotalTaxOutputs', amount2(totals.tax, 'totals.tax')) +
      leaf('TotalTaxesWithheld', amount2(totals.withheld, 'totals.withheld')) +
      leaf('InvoiceTotal', total) +
      leaf('TotalOutstandingAmount', total) +
      leaf('TotalExecutableAmount', total),
  );
}
