import { describe, expect, it } from 'vitest';
import { acceptanceInvoice } from '../../../test/conformance/pdf/fixtures.ts';
import { sheetOn } from '../testing/pages.ts';
import { formatMoney, formatNegatedMoney } from './format.ts';
import { paymentAndNotes } from './sections/payment-notes.ts';

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

describe('an invoice in another currency', () => {
  it('states the exchange rate and the tax in the accounting currency, after the payment', () => {
    const inv = { ...acceptanceInvoice('es'), currency: 'USD', exchangeRate: '0.9215' };
    const blocks = paymentAndNotes(sheetOn(inv));
    expect(blocks.map((b) => b.kind)).toEqual(['payment', 'currency', 'notes']);
    // 75.34 USD of tax × 0.9215 = 69.43 EUR.
    expect(blocks[1]!.lines.map((l) => l.text)).toEqual([
      'MONEDA',
      'Tipo de cambio: 1 USD = 0,9215 EUR',
      'Cuota en EUR: 69,43 €',
    ]);
  });

  it('prints nothing of the kind for an invoice in euros', () => {
    const blocks = paymentAndNotes(sheetOn(acceptanceInvoice('en')));
    expect(blocks.map((b) => b.kind)).toEqual(['payment', 'notes']);
  });
});
