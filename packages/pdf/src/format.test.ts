import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDecimal,
  formatIban,
  formatMoney,
  formatNegatedMoney,
  formatPercent,
  formatQuantity,
} from './format.ts';

describe('formatMoney', () => {
  it('groups thousands and uses the comma in Spanish and Catalan', () => {
    expect(formatMoney('1234.56', 'es')).toBe('1.234,56 €');
    expect(formatMoney('1234.56', 'ca')).toBe('1.234,56 €');
    expect(formatMoney('409.34', 'es')).toBe('409,34 €');
    expect(formatMoney('1234567.5', 'es')).toBe('1.234.567,50 €');
  });

  it('puts the sign first in English', () => {
    expect(formatMoney('1234.56', 'en')).toBe('€1,234.56');
    expect(formatMoney('-45.00', 'en')).toBe('-€45.00');
    expect(formatMoney('-45.00', 'es')).toBe('-45,00 €');
  });

  it('keeps every digit of amounts a float could not hold', () => {
    expect(formatMoney('123456789012345.67', 'es')).toBe('123.456.789.012.345,67 €');
    expect(formatMoney('0.10', 'es')).toBe('0,10 €');
  });

  it('pads cents, keeps extra unit-price decimals, drops the sign of zero', () => {
    expect(formatMoney('12.5', 'es')).toBe('12,50 €');
    expect(formatMoney('12.345600', 'es')).toBe('12,3456 €');
    expect(formatMoney('-0.00', 'es')).toBe('0,00 €');
    expect(formatMoney('7', 'en')).toBe('€7.00');
  });

  it('negates for withholdings, whatever the sign', () => {
    expect(formatNegatedMoney('45.00', 'es')).toBe('-45,00 €');
    expect(formatNegatedMoney('-45.00', 'es')).toBe('45,00 €');
    expect(formatNegatedMoney('45.00', 'en')).toBe('-€45.00');
  });

  it('returns text that is not a decimal unchanged', () => {
    expect(formatDecimal('n/a', 'es')).toBe('n/a');
  });
});

describe('quantities and rates', () => {
  it('prints quantities without useless zeros', () => {
    expect(formatQuantity('2', 'es')).toBe('2');
    expect(formatQuantity('1.500', 'es')).toBe('1,5');
    expect(formatQuantity('1500.25', 'en')).toBe('1,500.25');
  });

  it('spaces the percent sign in Spanish and Catalan only', () => {
    expect(formatPercent('21', 'es')).toBe('21 %');
    expect(formatPercent('5.2', 'ca')).toBe('5,2 %');
    expect(formatPercent('21', 'en')).toBe('21%');
  });
});

describe('formatDate', () => {
  it('writes dd/mm/yyyy in Spanish and Catalan and a short month in English', () => {
    expect(formatDate('2026-11-23', 'es')).toBe('23/11/2026');
    expect(formatDate('2026-01-05', 'ca')).toBe('05/01/2026');
    expect(formatDate('2026-11-23', 'en')).toBe('23 Nov 2026');
    expect(formatDate('2026-01-05', 'en')).toBe('5 Jan 2026');
  });

  it('never shifts the day through a time zone', () => {
    expect(formatDate('2026-12-31T23:30:00-05:00', 'es')).toBe('31/12/2026');
  });

  it('leaves what is not a date alone', () => {
    expect(formatDate('soon', 'en')).toBe('soon');
    expect(formatDate('2026-13-01', 'en')).toBe('2026-13-01');
  });
});

describe('formatIban', () => {
  it('prints blocks of four', () => {
    expect(formatIban('ES9121000418450200051332')).toBe('ES91 2100 0418 4502 0005 1332');
    expect(formatIban('es91 2100 0418 4502 0005 1332')).toBe('ES91 2100 0418 4502 0005 1332');
    expect(formatIban('DE89370400440532013000')).toBe('DE89 3704 0044 0532 0130 00');
  });
});
