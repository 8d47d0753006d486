import { describe, expect, it } from 'vitest';
import { formatMoney, formatNegatedMoney } from './format.ts';

describe('money in the invoice currency', () => {
  it.each([
    ['1234.5', 'es', 'EUR', '1.234,50 €'],
    ['1234.5', 'en', 'EUR', '€1,234.50'],
    ['1234.5', 'es', 'USD', '1.234,50 USD'],
    ['1234.5', 'en', 'MXN', 'MXN 1,234.50'],
    ['-45', 'en', 'USD', '-USD 45.00'],
    ['1235', 'ca', 'JPY', '1.235 JPY'],
    ['12.125', 'es', 'KWD', '12,125 KWD'],
    ['10.123456', 'es', 'USD', '10,123456 USD'],
  ] as const)('%s in %s and %s is %s', (value, lang, currency, printed) => {
    expect(formatMoney(value, lang, currency)).toBe(printed);
  });

  it('negates withholdings in the same currency', () => {
    expect(formatNegatedMoney('100', 'es', 'MXN')).toBe('-100,00 MXN');
  });
});
