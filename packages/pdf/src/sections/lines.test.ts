import { describe, expect, it } from 'vitest';
import { acceptanceInvoice, longInvoice } from '../../../../test/conformance/pdf/fixtures.ts';
import {
  colour,
  type DrawnText,
  drawn,
  pageStrings,
  rightEdge,
  sheetOn,
  textNamed,
} from '../../testing/pages.ts';
import { CONTENT_W, TABLE, WHITE } from '../layout.ts';
import type { ComputedLine, Invoice } from '../model.ts';
import { columns, linesTable, row } from './lines.ts';

const line = (over: Partial<ComputedLine>): ComputedLine => ({
  ...acceptanceInvoice('es').lines[0]!,
  ...over,
});

describe('linesTable', () => {
  it('draws the header row in the accent colour with white labels', () => {
    const sheet = sheetOn({ ...acceptanceInvoice('ca'), lines: [] });
    const top = sheet.y;
    linesTable(sheet);
    const { texts, rects } = drawn(sheet.pen);
    expect(texts.map((t) => t.text)).toEqual([
      'Descripció',
      'Quant.',
      'Preu',
      'Dte.',
      'Impostos',
      'Import',
    ]);
    for (const t of texts) expect(t).toMatchObject({ font: 'bold', color: colour(WHITE) });
    expect(rects).toHaveLength(1);
    expect(rects[0]).toMatchObject({ color: colour(sheet.accent), h: 18 });
    expect(rects[0]!.w).toBeCloseTo(CONTENT_W, 1);
    expect(sheet.y).toBe(top - 18);
  });

  it('prints each line with its figures right-aligned under their headings', () => {
    const sheet = sheetOn(acceptanceInvoice('es'));
    linesTable(sheet);
    const { texts, rules } = drawn(sheet.pen);
    const header = (s: string) => textNamed(texts, s);
    const on = (y: number) => texts.filter((t) => Math.abs(t.y - y) < 0.01);
    const first = textNamed(texts, 'Diagnóstico y reparación del sistema de inyección (mano');
    const cells = on(first.y).map((t) => t.text);
    expect(cells).toEqual([
      'Diagnóstico y reparación del sistema de inyección (mano',
      'IVA 21 %',
      '2',
      '150,00 €',
      '300,00 €',
    ]);
    // The description wraps; the second tax goes on the next text line of the same row.
    expect(texts.map((t) => t.text)).toContain('de obra, horas)');
    expect(textNamed(texts, 'IRPF 15 %').y).toBeCloseTo(first.y - TABLE * 1.24, 1);
    const alignedUnder = (cell: DrawnText, heading: string) =>
      expect(rightEdge(cell)).toBeCloseTo(rightEdge(header(heading)), 1);
    alignedUnder(textNamed(texts, '2'), 'Cant.');
    alignedUnder(textNamed(texts, '150,00 €'), 'Precio');
    alignedUnder(textNamed(texts, '10 %'), 'Dto.');
    alignedUnder(textNamed(texts, '300,00 €'), 'Importe');
    expect(textNamed(texts, 'IVA 4 %').x).toBeCloseTo(header('Impuestos').x, 1);
    expect(first.x).toBeCloseTo(header('Descripción').x, 1);
    // A rule under every row, the last one where the cursor stops.
    expect(rules).toHaveLength(3);
    expect(rules.at(-1)!.y).toBeCloseTo(sheet.y, 1);
  });

  it('moves rows that do not fit to a continuation page under a repeated header', () => {
    const invoice = longInvoice(40, 'es');
    const sheet = sheetOn(invoice);
    linesTable(sheet);
    expect(sheet.pages.length).toBeGreaterThan(1);
    const seen: number[] = [];
    sheet.pages.forEach((pen, p) => {
      const { texts } = drawn(pen);
      const strings = texts.map((t) => t.text);
      if (p > 0) {
        expect(strings.slice(0, 2)).toEqual([
          'Talleres García Núñez, S.L.',
          'Factura A-2026-0040 · continuación',
        ]);
        expect(strings[2]).toBe('Descripción');
      } else {
        expect(strings[0]).toBe('Descripción');
      }
      for (const t of texts) expect(t.y).toBeGreaterThanOrEqual(sheet.bodyBottom);
      for (const s of strings) {
        const m = /^(\d+)\. /.exec(s);
        if (m) seen.push(Number(m[1]));
      }
    });
    expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
  });

  it('splits only a description taller than a page, with the figures on its first part', () => {
    const base = acceptanceInvoice('es');
    const huge = 'Texto de condiciones generales muy extenso. '.repeat(400);
    const sheet = sheetOn({ ...base, lines: [line({ description: huge }), base.lines[1]!] });
    linesTable(sheet);
    const pages = pageStrings(sheet);
    expect(pages.length).toBeGreaterThan(2);
    const all = pages.flat();
    expect(all.filter((s) => s === '300,00 €')).toHaveLength(1);
    expect(pages[0]).toContain('300,00 €');
    expect(all.filter((s) => s === 'Descripción')).toHaveLength(pages.length);
    expect(pages.at(-1)).toContain('Filtro de aceite homologado');
  });
});

describe('row', () => {
  const sheet = sheetOn(acceptanceInvoice('en'));
  const cols = columns(sheet);

  it('formats figures in the invoice language', () => {
    const r = row(
      sheet,
      cols,
      line({ quantity: '1234.5', unitPrice: '0.125', discountRate: '7.5' }),
    );
    expect([r.qty, r.price, r.disc, r.amount]).toEqual(['1,234.5', '€0.125', '7.5%', '€300.00']);
  });

  it('prints no discount for a zero rate and names exempt and not-subject taxes', () => {
    const r = row(
      sheet,
      cols,
      line({
        discountRate: '0.00',
        taxes: [
          { type: 'IVA', rate: '0', exemption: 'E1' },
          { type: 'IGIC', rate: '0', notSubject: 'N2' },
        ],
      }),
    );
    expect(r.disc).toBe('');
    expect(r.taxes).toEqual(['IVA exempt', 'IGIC not', 'subject']);
  });

  it('is as tall as its longest cell', () => {
    const one = row(
      sheet,
      cols,
      line({ description: 'Short', taxes: [{ type: 'IVA', rate: '21' }] }),
    );
    const two = row(sheet, cols, line({ description: 'Short' }));
    expect(two.height - one.height).toBeCloseTo(TABLE * 1.24, 6);
    expect(one.desc).toEqual(['Short']);
  });

  it('prints the unit with the quantity', () => {
    const r = (unit: string | undefined, quantity = '2') =>
      row(sheet, cols, line({ unit, quantity })).qty;
    expect(r('02')).toBe('2 h');
    expect(r('03', '1.5')).toBe('1.5 kg');
    expect(r('06', '1')).toBe('1 box');
    expect(r('06', '3')).toBe('3 boxes');
    expect(r('01')).toBe('2');
    expect(r(undefined)).toBe('2');
  });
});

describe('columns', () => {
  const withUnit = (unit: string, quantity: string): Invoice => ({
    ...acceptanceInvoice('es'),
    lines: [line({}), line({ unit, quantity })],
  });

  it('keep the 40 pt quantity column for bare numbers and short units', () => {
    expect(columns(sheetOn(acceptanceInvoice('es'))).qty.w).toBe(40);
    expect(columns(sheetOn(withUnit('02', '2'))).qty.w).toBe(40);
  });

  it('widen the quantity column for a longer unit, up to 72 pt, narrowing the description', () => {
    const plain = columns(sheetOn(acceptanceInvoice('es')));
    const boxes = columns(sheetOn(withUnit('12', '120')));
    expect(boxes.qty.w).toBeGreaterThan(40);
    expect(boxes.qty.w).toBeLessThanOrEqual(72);
    expect(boxes.desc.w).toBe(plain.desc.w - (boxes.qty.w - 40));
    expect(boxes.qty.x + boxes.qty.w).toBeCloseTo(plain.qty.x + plain.qty.w, 6);
    expect(columns(sheetOn(withUnit('Palés europeos 1200x800', '1.234,5'))).qty.w).toBe(72);
  });

  it('right-align the quantity with its unit under the heading', () => {
    const sheet = sheetOn(withUnit('12', '120'));
    linesTable(sheet);
    const { texts } = drawn(sheet.pen);
    expect(rightEdge(textNamed(texts, '120 botellas'))).toBeCloseTo(
      rightEdge(textNamed(texts, 'Cant.')),
      1,
    );
    expect(textNamed(texts, '120 botellas').size).toBe(TABLE);
  });
});
