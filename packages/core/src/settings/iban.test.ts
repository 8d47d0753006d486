import { describe, expect, it } from 'vitest';
import { ibanProblem, normalizeIban } from './iban.ts';

describe('ibanProblem', () => {
  it('accepts valid IBANs of several countries', () => {
    for (const iban of [
      'ES9121000418450200051332',
      'DE89370400440532013000',
      'GB82WEST12345698765432',
      'FR1420041010050500013M02606',
      'NL91ABNA0417164300',
    ]) {
      expect(ibanProblem(iban), iban).toBeUndefined();
    }
  });

  it('refuses a changed digit, a wrong length for the country, and non-IBANs', () => {
    expect(ibanProblem('ES9121000418450200051333')).toBe(
      'The check digits do not match: a character is probably mistyped',
    );
    expect(ibanProblem('ES91210004184502000513321')).toBe(
      'A ES IBAN has 24 characters; this one has 25',
    );
    expect(ibanProblem('1234')).toMatch(/^Not an IBAN/);
  });

  it('normalises what people type', () => {
    expect(normalizeIban(' es91 2100 0418\t4502 0005 1332 ')).toBe('ES9121000418450200051332');
  });
});
