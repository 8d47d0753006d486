import { Dec } from '@sello/core/money';
import { buildCii, buildUbl } from '@sello/formats';
import { parseDocument } from '@sello/formats/parse';
import { describe, expect, it } from 'vitest';
import { GOLDEN_INVOICES } from '../facturae/fixtures.ts';

/**
 * Our own UBL and CII output reads back as the invoice it came from: same number, date, lines
 * and totals, valid under the in-process checks. A corrective with a negative total is written
 * as a credit note with positive amounts, so its figures come back with the sign turned.
 */
describe.each([
  ['UBL', buildUbl, 'ubl'],
  ['CII', buildCii, 'cii'],
] as const)('%s → model', (_name, build, format) => {
  it.each(GOLDEN_INVOICES.map((g) => [g.name, g.invoice] as const))('%s', (_case, invoice) => {
    const doc = parseDocument(build(invoice));
    expect(doc.format).toBe(format);
    expect(doc.errors).toEqual([]);
    const parsed = doc.invoice!;
    const sign = new Dec(invoice.totals.total).isNegative() ? -1 : 1;
    const figure = (value: string) => new Dec(value).times(sign).toFixed(2);
    expect(parsed.kind).toBe(sign < 0 ? 'creditNote' : 'invoice');
    expect([parsed.number, parsed.issueDate, parsed.currency]).toEqual([
      invoice.number,
      invoice.issueDate,
      'EUR',
    ]);
    expect(parsed.lines.map((l) => l.net)).toEqual(invoice.lines.map((l) => figure(l.net)));
    const withheld = new Dec(invoice.totals.withheld);
    expect(parsed.totals).toMatchObject({
      lineNet: figure(invoice.totals.net),
      net: figure(invoice.totals.net),
      tax: figure(invoice.totals.tax),
      // EN 16931's total is before withholding; IRPF is deducted from the amount due as paid.
      total: figure(new Dec(invoice.totals.total).plus(withheld).toFixed()),
      payable: figure(invoice.totals.total),
    });
    if (!withheld.isZero()) {
      expect(parsed.totals.prepaid).toBe(figure(invoice.totals.withheld));
      // UBL also says why (WithholdingTaxTotal); CII has no place for it.
      expect(parsed.totals.withheld).toBe(format === 'ubl' ? invoice.totals.withheld : '0.00');
    }
  });
});
