import { describe, expect, it } from 'vitest';
import {
  acceptanceInvoice,
  draftInvoice,
  QR_URL,
} from '../../../../test/conformance/pdf/fixtures.ts';
import { colour, drawn, pageStrings, rightEdge, sheetOn, textNamed } from '../../testing/pages.ts';
import { QR_LEGEND, QR_TITLE } from '../labels.ts';
import { BODY, LEFT, MARGIN_TOP, MUTED, PAGE_H, PAGE_W, RIGHT, RUNNING_HEAD_H } from '../layout.ts';
import { header } from './header.ts';

const TOP = PAGE_H - MARGIN_TOP;

describe('header', () => {
  it('puts the issuer on the left and title, number and dates on the right', () => {
    const sheet = sheetOn(acceptanceInvoice('es'));
    header(sheet);
    const { texts, images, rects } = drawn(sheet.pen);
    expect(texts.map((t) => t.text)).toEqual([
      'Talleres García Núñez, S.L.',
      'NIF B12345674',
      'Calle de Alcalá, 123, 2.º izda.',
      '28009 Madrid',
      'facturacion@talleresgarcia.es',
      'Factura',
      'Número',
      'A-2026-0042',
      'Serie',
      'A',
      'Fecha de emisión',
      '23/11/2026',
      'Vencimiento',
      '23/12/2026',
    ]);
    const issuer = textNamed(texts, 'Talleres García Núñez, S.L.');
    expect(issuer).toMatchObject({ x: 42.52, font: 'bold', size: 12 });
    expect(textNamed(texts, 'NIF B12345674').color).toBe(colour(MUTED));
    const title = textNamed(texts, 'Factura');
    expect(title).toMatchObject({ font: 'bold', size: 20, color: colour(sheet.accent) });
    expect(rightEdge(title)).toBeCloseTo(RIGHT, 1);
    expect(textNamed(texts, 'A-2026-0042').font).toBe('bold');
    expect(rightEdge(textNamed(texts, '23/12/2026'))).toBeCloseTo(RIGHT, 1);
    // Nothing but text, and the cursor ends under all of it.
    expect([images, rects]).toEqual([[], []]);
    expect(sheet.y).toBeLessThan(Math.min(...texts.map((t) => t.y)));
  });

  it("prints the work centre's name and address under the issuer's", () => {
    const sheet = sheetOn({
      ...acceptanceInvoice('es'),
      centre: {
        id: 'ctr_1',
        name: 'Taller Valencia Norte',
        address: {
          line1: 'Avenida del Puerto 8',
          city: 'Valencia',
          postalCode: '46023',
          country: 'ES',
        },
      },
    });
    header(sheet);
    const { texts } = drawn(sheet.pen);
    const strings = texts.map((t) => t.text);
    const at = strings.indexOf('Centro: Taller Valencia Norte');
    expect(strings.slice(at - 1, at + 3)).toEqual([
      'facturacion@talleresgarcia.es',
      'Centro: Taller Valencia Norte',
      'Avenida del Puerto 8',
      '46023 Valencia',
    ]);
    expect(textNamed(texts, 'Centro: Taller Valencia Norte')).toMatchObject({
      x: 42.52,
      font: 'bold',
    });
    expect(textNamed(texts, '46023 Valencia').color).toBe(colour(MUTED));
    expect(sheet.y).toBeLessThan(textNamed(texts, '46023 Valencia').y);
    // Without a centre, nothing of it.
    const plain = sheetOn(acceptanceInvoice('es'));
    header(plain);
    expect(pageStrings(plain)[0]!.join(' ')).not.toContain('Centro');
  });

  it('adds the supply date when it differs from the issue date', () => {
    const sheet = sheetOn({ ...acceptanceInvoice('en'), operationDate: '2026-11-20' });
    header(sheet);
    const strings = pageStrings(sheet)[0]!;
    expect(strings).toContain('Supply date');
    expect(strings).toContain('20 Nov 2026');
    const same = sheetOn({ ...acceptanceInvoice('en'), operationDate: '2026-11-23' });
    header(same);
    expect(pageStrings(same)[0]).not.toContain('Supply date');
  });

  it('prints a draft without its number', () => {
    const sheet = sheetOn(draftInvoice('ca'));
    header(sheet);
    const strings = pageStrings(sheet)[0]!;
    expect(strings).toContain('sense número');
    expect(strings).not.toContain('A-2026-0042');
  });

  it('draws the logo above the issuer, scaled into 140 × 44 pt', () => {
    const sheet = sheetOn(acceptanceInvoice('es'), {}, { width: 600, height: 100 });
    header(sheet);
    const { images, texts } = drawn(sheet.pen);
    expect(images).toHaveLength(1);
    const [logo] = images;
    expect(logo!.w).toBe(140);
    expect(logo!.h).toBeCloseTo(23.33, 2);
    expect(logo!.x).toBeCloseTo(LEFT, 1);
    expect(logo!.y + logo!.h).toBeCloseTo(TOP, 1);
    const issuer = textNamed(texts, 'Talleres García Núñez, S.L.');
    expect(issuer.y + issuer.size).toBeLessThan(logo!.y);
  });

  it('makes room for the VERI*FACTU QR between issuer and title', () => {
    const sheet = sheetOn(acceptanceInvoice('es'), { verifactu: { qrUrl: QR_URL } });
    header(sheet);
    const { texts, rects } = drawn(sheet.pen);
    const qrTitle = textNamed(texts, QR_TITLE);
    const legend = textNamed(texts, QR_LEGEND);
    expect((qrTitle.x + rightEdge(qrTitle)) / 2).toBeCloseTo(PAGE_W / 2, 1);
    expect(rects.length).toBeGreaterThan(100);
    // The title column narrows to 185 pt: its labels start there, clear of the QR.
    expect(textNamed(texts, 'Número').x).toBeCloseTo(RIGHT - 185, 1);
    const qrLeft = Math.min(...rects.map((r) => r.x));
    const qrRight = Math.max(...rects.map((r) => r.x + r.w));
    for (const t of texts.filter((t) => t !== qrTitle && t !== legend)) {
      expect(rightEdge(t) < qrLeft || t.x > qrRight, `${t.text} overlaps the QR`).toBe(true);
    }
    expect(sheet.y).toBeLessThan(legend.y);
  });
});

describe('runningHead', () => {
  it('heads a continuation page with issuer, title, number and "continued"', () => {
    const sheet = sheetOn(acceptanceInvoice('es'));
    sheet.continuationPage();
    const { texts, rules } = drawn(sheet.pages[1]!);
    expect(texts.map((t) => t.text)).toEqual([
      'Talleres García Núñez, S.L.',
      'Factura A-2026-0042 · continuación',
    ]);
    expect(texts[0]!.font).toBe('bold');
    expect(texts[0]!.y).toBeCloseTo(TOP - BODY, 1);
    expect(rightEdge(texts[1]!)).toBeCloseTo(RIGHT, 1);
    expect(rules).toHaveLength(1);
    expect(rules[0]!.color).toBe(colour(sheet.accent));
    expect(sheet.y).toBeCloseTo(TOP - RUNNING_HEAD_H, 6);
  });
});
