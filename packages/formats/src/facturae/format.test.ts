import { describe, expect, it } from 'vitest';
import { FacturaeBuildError } from './errors.ts';
import { amount2, clip, date, decimal, identifier, quantity, upTo8 } from './format.ts';

describe('decimal printing', () => {
  it.each([
    ['12.5', '12.50'],
    ['12', '12.00'],
    ['0012.30', '12.30'],
    ['-21.00', '-21.00'],
    ['-0.00', '0.00'],
    ['1.230', '1.23'],
  ])('amount2(%s) = %s', (value, printed) => {
    expect(amount2(value, 'x')).toBe(printed);
  });

  it.each([
    ['150', '150.00'],
    ['1.333333', '1.333333'],
    ['0.12345678', '0.12345678'],
    ['2.500000000', '2.50'],
  ])('upTo8(%s) = %s', (value, printed) => {
    expect(upTo8(value, 'x')).toBe(printed);
  });

  it('prints quantities as written, normalised', () => {
    expect(quantity('2', 'q')).toBe('2');
    expect(quantity('1.50', 'q')).toBe('1.50');
    expect(quantity('-1', 'q')).toBe('-1');
  });

  it('never rounds: a value with more decimals than allowed is an error', () => {
    expect(() => amount2('12.345', 'totals.total')).toThrow(FacturaeBuildError);
    expect(() => amount2('12.345', 'totals.total')).toThrow(/totals.total.*more than 2 decimals/);
    expect(() => decimal('1.123456789', 'p', 0, 8)).toThrow(/more than 8/);
  });

  it('rejects what is not a plain decimal (no exponent, comma or float noise)', () => {
    for (const bad of ['1e3', '12,50', 'NaN', '', '.5', '0.1 + 0.2']) {
      expect(() => amount2(bad, 'x')).toThrow(/not a decimal/);
    }
  });
});

describe('text limits', () => {
  it('clips descriptive text to the XSD maxLength in characters', () => {
    expect(clip('  Calle Mayor  ', 80)).toBe('Calle Mayor');
    expect(clip('abcdef', 3)).toBe('abc');
    // Five astral characters are 10 UTF-16 units but 5 XML characters.
    expect(clip('🧾🧾🧾🧾🧾', 5)).toBe('🧾🧾🧾🧾🧾');
    expect(clip('🧾🧾🧾🧾🧾', 2)).toBe('🧾🧾');
  });

  it('refuses to cut identifiers', () => {
    expect(identifier('A-1', 'number', 20)).toBe('A-1');
    expect(() => identifier('123456789012345678901', 'number', 20)).toThrow(/1 to 20/);
    expect(() => identifier('AB', 'taxId', 30, 3)).toThrow(/3 to 30/);
  });

  it('accepts only YYYY-MM-DD dates', () => {
    expect(date('2026-03-16', 'd')).toBe('2026-03-16');
    expect(() => date('16/03/2026', 'd')).toThrow(/YYYY-MM-DD/);
  });
});
