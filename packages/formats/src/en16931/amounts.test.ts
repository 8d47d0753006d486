import { describe, expect, it } from 'vitest';
import { add, cents, isNegative, isZero, money, plainNumber, price } from './amounts.ts';
import { En16931BuildError } from './errors.ts';

describe('money', () => {
  it('prints exactly two decimals and flips the sign for a credit note', () => {
    expect(money('12.5', 'x')).toBe('12.50');
    expect(money('-100', 'x')).toBe('-100.00');
    expect(money('-100.00', 'x', -1)).toBe('100.00');
    expect(money('21.00', 'x', -1)).toBe('-21.00');
    expect(money('007.10', 'x')).toBe('7.10');
  });

  it('never prints a negative zero', () => {
    expect(money('0.00', 'x', -1)).toBe('0.00');
    expect(money('-0.00', 'x')).toBe('0.00');
  });

  it('drops zeros beyond cents but refuses an amount that would need rounding', () => {
    expect(money('1.2300', 'x')).toBe('1.23');
    expect(() => money('1.005', 'totals.net')).toThrow(En16931BuildError);
    expect(() => money('1.005', 'totals.net')).toThrow(/^totals\.net: "1\.005" has more than 2/);
    expect(() => money('12,50', 'lines.0.net')).toThrow(/lines\.0\.net/);
  });
});

describe('plainNumber and price', () => {
  it('print rates and quantities without trailing zeros', () => {
    expect(plainNumber('21.00', 'x')).toBe('21');
    expect(plainNumber('5.20', 'x')).toBe('5.2');
    expect(plainNumber('-1', 'x', -1)).toBe('1');
    expect(plainNumber('1.5', 'x', -1)).toBe('-1.5');
    expect(plainNumber('0', 'x', -1)).toBe('0');
  });

  it('print a unit price positive with at least two decimals', () => {
    expect(price('150', 'x')).toBe('150.00');
    expect(price('-20.00', 'x')).toBe('20.00');
    expect(price('12.123456', 'x')).toBe('12.123456');
    expect(price('8.500000', 'x')).toBe('8.50');
  });
});

describe('cents', () => {
  it('rounds an unrounded engine amount half up to cents, with the sign asked for', () => {
    expect(cents('1.3638888', 'x')).toBe('1.36');
    expect(cents('0.005', 'x')).toBe('0.01');
    expect(cents('-0.005', 'x')).toBe('-0.01');
    expect(cents('-60', 'x', -1)).toBe('60.00');
    expect(cents('-0.001', 'x')).toBe('0.00');
  });
});

describe('signs and sums', () => {
  it('tells negative and zero amounts apart', () => {
    expect(isNegative('-0.01', 'x')).toBe(true);
    expect(isNegative('-0.00', 'x')).toBe(false);
    expect(isZero('0.000', 'x')).toBe(true);
    expect(isZero('0.001', 'x')).toBe(false);
  });

  it('adds two amounts exactly', () => {
    expect(add('379.00', '75.34')).toBe('454.34');
    expect(add('-100.00', '-21.00')).toBe('-121.00');
  });
});
