import { describe, expect, it } from 'vitest';
import {
  acceptanceInvoice,
  correctiveInvoice,
  draftInvoice,
} from '../../../test/conformance/pdf/fixtures.ts';
import { colour, drawn } from '../testing/pages.ts';
import { LABELS } from './labels.ts';
import { MARGIN_TOP, PAGE_H } from './layout.ts';
import type { Invoice, Language } from './model.ts';
import { Sheet } from './sheet.ts';

describe('Sheet', () => {
  it('titles and numbers the invoice as printed', () => {
    const issued = new Sheet(acceptanceInvoice('es'), {}, undefined, () => {});
    expect([issued.title, issued.number, issued.draft]).toEqual(['Factura', 'A-2026-0042', false]);
    const draft = new Sheet(draftInvoice('en'), {}, undefined, () => {});
    expect([draft.title, draft.number, draft.draft]).toEqual(['Invoice', 'not numbered', true]);
    const preview = new Sheet(acceptanceInvoice('ca'), { draft: true }, undefined, () => {});
    expect([preview.number, preview.draft]).toEqual(['sense número', true]);
    const corrective = new Sheet(correctiveInvoice('es'), {}, undefined, () => {});
    expect(corrective.title).toBe('Factura rectificativa');
  });

  it('falls back to Spanish for a language it has no labels for', () => {
    const inv = { ...acceptanceInvoice('es'), language: 'fr' as Language } as Invoice;
    const sheet = new Sheet(inv, {}, undefined, () => {});
    expect(sheet.lang).toBe('es');
    expect(sheet.l).toBe(LABELS.es);
  });

  it('takes the accent colour from the branding, with a tint, and falls back to blue', () => {
    const inv = acceptanceInvoice('es');
    const red = new Sheet(inv, { branding: { accentColor: '#c0392b' } }, undefined, () => {});
    expect(colour(red.accent)).toBe('0.75 0.22 0.17');
    expect(colour(red.accentTint)).toBe('0.98 0.92 0.92');
    const short = new Sheet(inv, { branding: { accentColor: '#fff' } }, undefined, () => {});
    expect(colour(short.accent)).toBe('1 1 1');
    const bad = new Sheet(inv, { branding: { accentColor: 'teal' } }, undefined, () => {});
    expect(colour(bad.accent)).toBe('0.12 0.31 0.47');
  });

  it('raises the body bottom for a legal footer', () => {
    const inv = acceptanceInvoice('es');
    const plain = new Sheet(inv, {}, undefined, () => {});
    const legalFooter = 'Inscrita en el Registro Mercantil de Madrid. '.repeat(6);
    const legal = new Sheet(inv, { branding: { legalFooter } }, undefined, () => {});
    expect(plain.footerLines).toEqual([]);
    expect(legal.footerLines.length).toBeGreaterThan(1);
    expect(legal.bodyBottom).toBeGreaterThan(plain.bodyBottom);
  });

  it('starts pages at the top margin and has the running head drawn on continuation pages', () => {
    const heads: number[] = [];
    const sheet = new Sheet(acceptanceInvoice('es'), {}, undefined, (s) => {
      heads.push(s.pages.length);
      s.pen.text('head', 0, s.y, 'regular', 9, s.accent);
      s.y -= 20;
    });
    sheet.newPage();
    expect(sheet.y).toBe(PAGE_H - MARGIN_TOP);
    sheet.y = 100;
    sheet.continuationPage();
    expect(sheet.pages).toHaveLength(2);
    expect(sheet.pen).toBe(sheet.pages[1]);
    expect(heads).toEqual([2]);
    expect(sheet.y).toBe(PAGE_H - MARGIN_TOP - 20);
    expect(drawn(sheet.pages[0]!).texts).toEqual([]);
    expect(drawn(sheet.pages[1]!).texts.map((t) => t.text)).toEqual(['head']);
  });
});
