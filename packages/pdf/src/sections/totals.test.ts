import { describe, expect, it } from 'vitest';
import { acceptanceInvoice } from '../../../../test/conformance/pdf/fixtures.ts';
import { colour, drawn, pageStrings, rightEdge, sheetOn, textNamed } from '../../testing/pages.ts';
import { RIGHT } from '../layout.ts';
import type { Invoice } from '../model.ts';
import { summary } from './totals.ts';

describe('summary', () => {
  it('measures without drawing, then draws exactly that height', () => {
    const sheet = sheetOn(acceptanceInvoice('es'));
    const top = sheet.y;
    const measured = summary(sheet, false);
    expect(sheet.y).toBe(top);
    expect(drawn(sheet.pen)).toEqual({ texts: [], rotated: [], rects: [], rules: [], images: [] });
    expect(summary(sheet, true)).toBe(measured);
    expect(sheet.y).toBeCloseTo(top - measured, 6);
  });

  it('prints the breakdown per type and rate, withholding negated, and the totals', () => {
    const sheet = sheetOn(acceptanceInvoice('es'));
    summary(sheet, true);
    const { texts, rects } = drawn(sheet.pen);
    expect(texts.map((t) => t.text)).toEqual([
      'DESGLOSE DE IMPUESTOS',
      'Impuesto',
      'Base',
      'Tipo',
      'Cuota',
      'IVA',
      '354,00 €',
      '21 %',
      '74,34 €',
      'IVA',
      '25,00 €',
      '4 %',
      '1,00 €',
      'IRPF',
      '300,00 €',
      '15 %',
      '-45,00 €',
      'Base imponible',
      '379,00 €',
      'IVA',
      '75,34 €',
      'Retención IRPF',
      '-45,00 €',
      'Total',
      '409,34 €',
    ]);
    const total = textNamed(texts, '409,34 €');
    expect(total).toMatchObject({ font: 'bold', size: 12, color: colour(sheet.accent) });
    expect(rightEdge(total)).toBeCloseTo(RIGHT - 4, 1);
    // The grand total sits on a tinted band under an accent rule.
    expect(rects.map((r) => r.color)).toEqual([colour(sheet.accentTint), colour(sheet.accent)]);
    const [band] = rects;
    expect(total.y).toBeGreaterThan(band!.y);
    expect(total.y).toBeLessThan(band!.y + band!.h);
  });

  it('names exempt and not-subject rows with their codes and joins the tax types', () => {
    const base = acceptanceInvoice('en');
    const inv: Invoice = {
      ...base,
      breakdown: [
        { type: 'IVA', rate: '21', base: '100.00', amount: '21.00', withheld: false },
        { type: 'RE', rate: '5.2', base: '100.00', amount: '5.20', withheld: false },
        { type: 'IVA', rate: '0', exemption: 'E1', base: '50.00', amount: '0.00', withheld: false },
        {
          type: 'IVA',
          rate: '0',
          notSubject: 'N2',
          base: '10.00',
          amount: '0.00',
          withheld: false,
        },
      ],
      totals: { net: '160.00', tax: '26.20', withheld: '0.00', total: '186.20' },
    };
    const sheet = sheetOn(inv);
    summary(sheet, true);
    const strings = pageStrings(sheet)[0]!;
    expect(strings).toContain('IVA exempt (E1)');
    expect(strings).toContain('IVA not subject (N2)');
    expect(strings).toContain('IVA + RE');
    expect(strings).toContain('5.2%');
    expect(strings.some((s) => s.includes('withholding'))).toBe(false);
  });

  it('copes with an invoice without breakdown', () => {
    const inv: Invoice = {
      ...acceptanceInvoice('ca'),
      breakdown: [],
      totals: { net: '0.00', tax: '0.00', withheld: '0.00', total: '0.00' },
    };
    const sheet = sheetOn(inv);
    summary(sheet, true);
    expect(pageStrings(sheet)[0]).toEqual([
      "DESGLOSSAMENT D'IMPOSTOS",
      'Impost',
      'Base',
      'Tipus',
      'Quota',
      'Base imposable',
      '0,00 €',
      'Impostos',
      '0,00 €',
      'Total',
      '0,00 €',
    ]);
  });
});
