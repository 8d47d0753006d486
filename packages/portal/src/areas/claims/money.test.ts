import { describe, expect, it } from 'vitest';
import { addAmounts, fromMinor, toMinor } from './money.ts';

describe('claim amounts in minor units', () => {
  it('adds the two invoices to the cent, where floats would not', () => {
    expect(addAmounts(['934.56', '300.00'])).toBe('1234.56');
    expect(addAmounts(['0.10', '0.20'])).toBe('0.30');
    expect(addAmounts(['-247.94', '1234.56'])).toBe('986.62');
  });

  it('reads and writes decimals with fewer or no fraction digits', () => {
    expect(toMinor('12')).toBe(1200n);
    expect(toMinor('12.5')).toBe(1250n);
    expect(fromMinor(5n)).toBe('0.05');
    expect(fromMinor(-5n)).toBe('-0.05');
  });

  it('refuses what is no decimal', () => {
    expect(() => toMinor('1,5')).toThrow(/not a decimal/);
  });
});
