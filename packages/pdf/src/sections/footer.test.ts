import { describe, expect, it } from 'vitest';
import { acceptanceInvoice } from '../../../../test/conformance/pdf/fixtures.ts';
import { colour, drawn, rightEdge, sheetOn } from '../../testing/pages.ts';
import { CONTENT_W, LEADING, LEFT, MARGIN_BOTTOM, MUTED, RIGHT, SMALL } from '../layout.ts';
import { textWidth } from '../text.ts';
import { bodyBottom, legalFooterLines, pageFooter } from './footer.ts';

const legalFooter =
  'Talleres García Núñez, S.L. Inscrita en el Registro Mercantil de Madrid, tomo 12.345, folio 67, hoja M-123456. ' +
  'Sus datos se tratan para gestionar la relación comercial; puede ejercer sus derechos en privacidad@talleresgarcia.es.';

describe('legalFooterLines and bodyBottom', () => {
  it('wrap the legal text clear of the page number and keep the body above it', () => {
    expect(legalFooterLines(undefined)).toEqual([]);
    expect(legalFooterLines('  \n ')).toEqual([]);
    const lines = legalFooterLines(legalFooter);
    expect(lines.length).toBe(2);
    for (const l of lines)
      expect(textWidth(l, 'regular', SMALL)).toBeLessThanOrEqual(CONTENT_W - 90);
    const line = SMALL * LEADING;
    expect(bodyBottom([])).toBeCloseTo(MARGIN_BOTTOM + line + 14, 6);
    expect(bodyBottom(lines)).toBeCloseTo(MARGIN_BOTTOM + 2 * line + 14, 6);
  });
});

describe('pageFooter', () => {
  it('numbers the page at the bottom right under a rule', () => {
    const sheet = sheetOn(acceptanceInvoice('en'));
    pageFooter(sheet, sheet.pen, 1, 3);
    const { texts, rules } = drawn(sheet.pen);
    expect(texts).toHaveLength(1);
    const [number] = texts;
    expect(number).toMatchObject({ text: 'Page 2 of 3', size: SMALL, color: colour(MUTED) });
    expect(number!.y).toBeCloseTo(MARGIN_BOTTOM, 1);
    expect(rightEdge(number!)).toBeCloseTo(RIGHT, 1);
    expect(rules).toHaveLength(1);
    expect(rules[0]!.y).toBeGreaterThan(number!.y + SMALL);
    expect(rules[0]!.y).toBeLessThan(sheet.bodyBottom);
  });

  it('sets the legal text on the left, its last line on the page-number line', () => {
    const sheet = sheetOn(acceptanceInvoice('ca'), { branding: { legalFooter } });
    pageFooter(sheet, sheet.pen, 0, 1);
    const { texts, rules } = drawn(sheet.pen);
    expect(texts.map((t) => t.text)).toEqual(['Pàgina 1 de 1', ...sheet.footerLines]);
    const [, first, last] = texts;
    expect(first!.x).toBeCloseTo(LEFT, 1);
    expect(last!.y).toBeCloseTo(MARGIN_BOTTOM, 1);
    expect(first!.y).toBeCloseTo(MARGIN_BOTTOM + SMALL * LEADING, 1);
    expect(rules[0]!.y).toBeGreaterThan(first!.y + SMALL);
    expect(rules[0]!.y).toBeLessThan(sheet.bodyBottom);
  });
});
