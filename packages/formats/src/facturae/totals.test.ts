import { describe, expect, it } from 'vitest';
import { buildTotals } from './totals.ts';

describe('buildTotals', () => {
  it('prints the engine totals with two decimals, in schema order', () => {
    expect(buildTotals({ net: '379.00', tax: '75.34', withheld: '45.00', total: '409.34' })).toBe(
      '<InvoiceTotals><TotalGrossAmount>379.00</TotalGrossAmount>' +
        '<TotalGeneralDiscounts>0.00</TotalGeneralDiscounts>' +
        '<TotalGeneralSurcharges>0.00</TotalGeneralSurcharges>' +
        '<TotalGrossAmountBeforeTaxes>379.00</TotalGrossAmountBeforeTaxes>' +
        '<TotalTaxOutputs>75.34</TotalTaxOutputs><TotalTaxesWithheld>45.00</TotalTaxesWithheld>' +
        '<InvoiceTotal>409.34</InvoiceTotal><TotalOutstandingAmount>409.34</TotalOutstandingAmount>' +
        '<TotalExecutableAmount>409.34</TotalExecutableAmount></InvoiceTotals>',
    );
  });

  it('keeps negative totals of a credit note and pads short amounts', () => {
    const xml = buildTotals({ net: '-100', tax: '-21.0', withheld: '0', total: '-121.00' });
    expect(xml).toContain('<TotalGrossAmount>-100.00</TotalGrossAmount>');
    expect(xml).toContain('<TotalTaxOutputs>-21.00</TotalTaxOutputs>');
    expect(xml).toContain('<InvoiceTotal>-121.00</InvoiceTotal>');
  });

  it('refuses an unrounded total', () => {
    expect(() => buildTotals({ net: '1.005', tax: '0', withheld: '0', total: '1.005' })).toThrow(
      /totals.net/,
    );
  });
});
