import { describe, expect, it } from 'vitest';
import { acceptanceInvoice } from '../../../../test/conformance/pdf/fixtures.ts';
import { colour, drawn, pageStrings, sheetOn } from '../../testing/pages.ts';
import { LEFT, SMALL } from '../layout.ts';
import { drawBlocks, paymentAndNotes } from './payment-notes.ts';

describe('paymentAndNotes', () => {
  it('lists payment means, IBAN in groups and terms, then the notes', () => {
    const inv = acceptanceInvoice('es');
    const sheet = sheetOn(inv);
    const [payment, notes, ...rest] = paymentAndNotes(sheet);
    expect(rest).toEqual([]);
    expect(payment!.kind).toBe('payment');
    expect(payment!.lines.map((l) => l.text)).toEqual([
      'FORMA DE PAGO',
      'Transferencia bancaria',
      'IBAN  ES91 2100 0418 4502 0005 1332',
      '30 días fecha factura. Indique el número de factura en el concepto de la transferencia.',
    ]);
    expect(payment!.lines[0]).toMatchObject({ font: 'bold', size: SMALL });
    expect(payment!.lines[0]!.color).toEqual(sheet.accent);
    expect(payment!.lines[1]!.font).toBe('bold');
    expect(notes!.kind).toBe('notes');
    expect(notes!.lines[0]!.text).toBe('OBSERVACIONES');
    expect(
      notes!.lines
        .slice(1)
        .map((l) => l.text)
        .join(' '),
    ).toBe(inv.notes);
    for (const b of [payment!, notes!]) {
      expect(b.height).toBeCloseTo(b.lead + b.lines.reduce((h, l) => h + l.height, 0), 6);
    }
  });

  it('leaves out what the invoice does not have', () => {
    const base = acceptanceInvoice('en');
    const sheet = sheetOn({ ...base, payment: { means: 'card' }, notes: '  \n ' });
    const blocks = paymentAndNotes(sheet);
    expect(blocks.map((b) => b.lines.map((l) => l.text))).toEqual([['PAYMENT', 'Card']]);
    expect(paymentAndNotes(sheetOn({ ...base, payment: undefined, notes: undefined }))).toEqual([]);
  });
});

describe('drawBlocks', () => {
  it('draws the lines down the left margin, each block after its lead', () => {
    const sheet = sheetOn(acceptanceInvoice('en'));
    const top = sheet.y;
    const blocks = paymentAndNotes(sheet);
    drawBlocks(sheet, blocks);
    const { texts } = drawn(sheet.pen);
    expect(texts.map((t) => t.text)).toEqual(blocks.flatMap((b) => b.lines.map((l) => l.text)));
    for (const t of texts) expect(t.x).toBeCloseTo(LEFT, 1);
    expect(texts[0]!.y).toBeCloseTo(top - blocks[0]!.lead - SMALL, 1);
    expect(texts[0]!.color).toBe(colour(sheet.accent));
    const height = blocks.reduce((h, b) => h + b.height, 0);
    expect(sheet.y).toBeCloseTo(top - height, 6);
  });

  it('flows on to a continuation page when a line does not fit', () => {
    const inv = { ...acceptanceInvoice('es'), notes: 'Una línea de observaciones. '.repeat(400) };
    const sheet = sheetOn(inv);
    sheet.y = sheet.bodyBottom + 60;
    drawBlocks(sheet, paymentAndNotes(sheet));
    expect(sheet.pages.length).toBeGreaterThan(2);
    const pages = pageStrings(sheet);
    expect(pages[0]).toEqual([
      'FORMA DE PAGO',
      'Transferencia bancaria',
      'IBAN  ES91 2100 0418 4502 0005 1332',
    ]);
    expect(pages[1]!.slice(0, 2)).toEqual([
      'Talleres García Núñez, S.L.',
      'Factura A-2026-0042 · continuación',
    ]);
    for (const pen of sheet.pages) {
      for (const t of drawn(pen).texts) expect(t.y).toBeGreaterThanOrEqual(sheet.bodyBottom);
    }
  });
});
