import { describe, expect, it } from 'vitest';
import { decimalFromInput, decimalToInput } from './decimal.ts';

describe('decimals typed in the reader’s language', () => {
  it('reads Spanish and Catalan separators without parsing the number', () => {
    expect(decimalFromInput('1.234,56', 'es')).toBe('1234.56');
    expect(decimalFromInput('12,5', 'ca')).toBe('12.5');
    expect(decimalFromInput(' 3 ', 'es')).toBe('3');
    expect(decimalFromInput('0,000001', 'es')).toBe('0.000001');
  });

  it('takes a decimal point typed the English way in Spanish too', () => {
    expect(decimalFromInput('12.50', 'es')).toBe('12.50');
    expect(decimalFromInput('1.234', 'es')).toBe('1234');
  });

  it('reads English separators', () => {
    expect(decimalFromInput('1,234.56', 'en')).toBe('1234.56');
  });

  it('leaves what is not a number for the API to name', () => {
    expect(decimalFromInput('abc', 'es')).toBe('abc');
  });

  it('shows the API’s decimals as they are typed', () => {
    expect(decimalToInput('1234.5', 'es')).toBe('1234,5');
    expect(decimalToInput('1234.5', 'en')).toBe('1234.5');
    expect(decimalToInput(undefined, 'es')).toBe('');
  });
});
