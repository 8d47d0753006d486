import { describe, expect, it } from 'vitest';
import { LABELS } from './labels.ts';

describe('labels', () => {
  const languages = ['es', 'ca', 'en'] as const;

  it('has the same keys, all filled, in every language', () => {
    const keys = Object.keys(LABELS.es).sort();
    for (const lang of languages) {
      expect(Object.keys(LABELS[lang]).sort()).toEqual(keys);
      for (const [key, value] of Object.entries(LABELS[lang])) {
        if (typeof value === 'string') expect(value, `${lang}.${key}`).not.toBe('');
      }
    }
  });

  it('numbers pages and names the draft in each language', () => {
    expect(LABELS.es.page(1, 3)).toBe('Página 1 de 3');
    expect(LABELS.ca.page(1, 3)).toBe('Pàgina 1 de 3');
    expect(LABELS.en.page(1, 3)).toBe('Page 1 of 3');
    expect(languages.map((l) => LABELS[l].draft)).toEqual(['BORRADOR', 'ESBORRANY', 'DRAFT']);
    expect(languages.map((l) => LABELS[l].correctiveInvoice)).toEqual([
      'Factura rectificativa',
      'Factura rectificativa',
      'Corrective invoice',
    ]);
  });
});
