import { describe, expect, it } from 'vitest';
import { formatDate, formatMoney } from './format.ts';
import { pickLanguage } from './language.ts';

// Intl may separate the amount and the symbol with a no-break space: compare with plain spaces.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('money as the reader expects it', () => {
  it('groups thousands in Spanish too, with a decimal comma', () => {
    expect(plain(formatMoney('1234.56', 'EUR', 'es'))).toBe('1.234,56 €');
    expect(plain(formatMoney('1234567.5', 'EUR', 'ca'))).toBe('1.234.567,50 €');
    expect(plain(formatMoney('1234.56', 'EUR', 'en'))).toBe('€1,234.56');
  });

  it('formats the decimal string exactly, beyond what a float holds', () => {
    expect(plain(formatMoney('90071992547409.93', 'EUR', 'es'))).toBe('90.071.992.547.409,93 €');
    expect(plain(formatMoney('-0.10', 'MXN', 'es'))).toBe('-0,10 MXN');
  });

  it('writes dates in the reader’s language, a calendar date staying on its day', () => {
    expect(formatDate('2026-12-07', 'es')).toBe('7 dic 2026');
    expect(formatDate('2026-01-31', 'en')).toBe('31 Jan 2026');
  });
});

describe('the language', () => {
  it('comes from ?lang=, then the remembered choice, then Spanish', () => {
    expect(pickLanguage('?lang=ca', 'en')).toBe('ca');
    expect(pickLanguage('?lang=fr', 'en')).toBe('en');
    expect(pickLanguage('', null)).toBe('es');
    expect(pickLanguage('?x=1', 'de')).toBe('es');
  });
});
