import { describe, expect, it } from 'vitest';
import {
  acceptanceInvoice,
  CUSTOMER,
  correctiveInvoice,
} from '../../../../test/conformance/pdf/fixtures.ts';
import { colour, drawn, pageStrings, sheetOn, textNamed } from '../../testing/pages.ts';
import { BODY, INK, LEFT, RIGHT, SMALL } from '../layout.ts';
import type { Invoice, Language } from '../model.ts';
import { parties, partyLines } from './parties.ts';

const foreign = (lang: Language): Invoice => ({
  ...acceptanceInvoice(lang),
  customer: {
    ...CUSTOMER,
    email: undefined,
    address: {
      line1: '12 rue de la Paix',
      city: 'Perpignan',
      postalCode: '66000',
      province: 'Pyrénées-Orientales',
      country: 'FR',
    },
  },
});

describe('parties', () => {
  it('prints the customer under its heading: name, tax id, address, e-mail', () => {
    const sheet = sheetOn(acceptanceInvoice('es'));
    const top = sheet.y;
    parties(sheet);
    const { texts, rects } = drawn(sheet.pen);
    expect(texts.map((t) => t.text)).toEqual([
      'CLIENTE',
      "Col·legi Oficial d'Enginyers Tècnics de Girona",
      'NIF Q1700001J',
      'Plaça de la Independència, 7',
      'Edifici Ferrer i Güell',
      // The province is left out when it repeats the city.
      '17001 Girona',
      'administracio@enginyersgirona.cat',
    ]);
    expect(texts[0]).toMatchObject({ font: 'bold', size: SMALL, color: colour(sheet.accent) });
    expect(texts[1]).toMatchObject({ font: 'bold', size: 10.5, color: colour(INK) });
    for (const t of texts) expect(t.x).toBeCloseTo(LEFT, 1);
    expect(rects).toEqual([]);
    expect(sheet.y).toBeLessThan(Math.min(...texts.map((t) => t.y)));
    expect(texts[0]!.y).toBeCloseTo(top - SMALL, 1);
  });

  it.each([
    ['es', 'Francia'],
    ['ca', 'França'],
    ['en', 'France'],
  ] as const)('names a foreign country and the province in %s', (lang, country) => {
    const sheet = sheetOn(foreign(lang));
    parties(sheet);
    const strings = pageStrings(sheet)[0]!;
    expect(strings).toContain('66000 Perpignan (Pyrénées-Orientales)');
    expect(strings.at(-1)).toBe(country);
  });

  it('boxes what a corrective invoice corrects on the right', () => {
    const sheet = sheetOn(correctiveInvoice('es'));
    parties(sheet);
    const { texts, rects } = drawn(sheet.pen);
    const box = [
      'Rectifica la factura A-2026-0042',
      'Serie: A · Fecha de emisión: 23/11/2026',
      'Motivo: 16 – Base imponible',
      'Método: por diferencias',
      'Periodo: 01/11/2026 – 30/11/2026',
    ];
    expect(texts.slice(-box.length).map((t) => t.text)).toEqual(box);
    expect(textNamed(texts, box[0]!).font).toBe('bold');
    const [tint, bar] = rects;
    expect(tint!.color).toBe(colour(sheet.accentTint));
    expect(bar!.color).toBe(colour(sheet.accent));
    expect(tint!.x + tint!.w).toBeCloseTo(RIGHT, 1);
    for (const s of box) {
      const t = textNamed(texts, s);
      expect(t.x).toBeGreaterThan(tint!.x);
      expect(t.y).toBeGreaterThan(tint!.y);
      expect(t.y + BODY).toBeLessThan(tint!.y + tint!.h);
    }
    expect(sheet.y).toBeLessThan(tint!.y);
  });

  it('gives the same party lines to the issuer block', () => {
    const inv = foreign('en');
    const sheet = sheetOn(inv);
    expect(partyLines(sheet, inv.issuer, inv.customer)).toEqual([
      'Tax ID B12345674',
      'Calle de Alcalá, 123, 2.º izda.',
      '28009 Madrid',
      'Spain',
      'facturacion@talleresgarcia.es',
    ]);
  });
});
