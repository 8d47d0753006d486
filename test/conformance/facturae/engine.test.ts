import { computeInvoice } from '@sello/core/taxes';
import { describe, expect, it } from 'vitest';
import { GOLDEN_INVOICES, lineInput } from './fixtures.ts';

/**
 * The golden amounts were written by hand; the tax engine must arrive at exactly the same
 * strings from the same lines, so the XML prints what Sello computes.
 */
describe.each(GOLDEN_INVOICES)('tax engine on $name', ({ invoice }) => {
  it('computes the fixture lines, breakdown and totals', () => {
    expect(computeInvoice(invoice.lines.map(lineInput))).toEqual({
      lines: invoice.lines,
      breakdown: invoice.breakdown,
      totals: invoice.totals,
    });
  });
});
