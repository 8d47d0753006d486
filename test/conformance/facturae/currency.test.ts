import { computeInvoice } from '@sello/core/taxes';
import { buildFacturae } from '@sello/formats';
import { sampleInvoice } from '@sello/formats/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { scratch, xmllint } from './support.ts';

/**
 * Facturae for invoices not in euros: the exchange-rate block and each tax amount's
 * EquivalentInEuros (RD 1619/2012 art. 10.1), valid against the official 3.2.2 XSD.
 */
const files = scratch();
afterAll(() => files.remove());

const valid = (name: string, xml: string) => {
  const result = xmllint(files.file(name, xml));
  expect(result.output).toContain('validates');
  expect(result.status).toBe(0);
};

describe('Facturae in a currency other than the euro', () => {
  it('USD: ExchangeRateDetails, taxes in EUR, every tax amount with its equivalent in euros', () => {
    const xml = buildFacturae(sampleInvoice({ currency: 'USD', exchangeRate: '0.9215' }));
    valid('usd.xml', xml);
    expect(xml).toContain(
      '<InvoiceCurrencyCode>USD</InvoiceCurrencyCode><ExchangeRateDetails><ExchangeRate>0.9215</ExchangeRate><ExchangeRateDate>2026-03-15</ExchangeRateDate></ExchangeRateDetails><TaxCurrencyCode>EUR</TaxCurrencyCode>',
    );
    // IVA 21 % on 354.00 USD is 74.34 USD: 326.21 and 68.50 EUR at 0.9215.
    expect(xml).toContain(
      '<TaxableBase><TotalAmount>354.00</TotalAmount><EquivalentInEuros>326.21</EquivalentInEuros></TaxableBase><TaxAmount><TotalAmount>74.34</TotalAmount><EquivalentInEuros>68.50</EquivalentInEuros></TaxAmount>',
    );
    // Withheld IRPF (45.00 USD) too, at invoice level and per line.
    expect(xml.match(/<EquivalentInEuros>41.47<\/EquivalentInEuros>/g)).toHaveLength(2);
  });

  it('JPY: amounts without decimals, still valid', () => {
    const computed = computeInvoice(
      [
        {
          description: 'Licencia',
          quantity: '3',
          unitPrice: '3333.5',
          taxes: [{ type: 'IVA', rate: '21' }],
        },
      ],
      { currency: 'JPY' },
    );
    expect(computed.totals).toEqual({ net: '10001', tax: '2100', withheld: '0', total: '12101' });
    const xml = buildFacturae(
      sampleInvoice({ currency: 'JPY', exchangeRate: '0.0061', ...computed }),
    );
    valid('jpy.xml', xml);
    expect(xml).toContain('<InvoiceTotal>12101.00</InvoiceTotal>');
  });

  it('an invoice in euros keeps no exchange-rate block', () => {
    const xml = buildFacturae(sampleInvoice());
    expect(xml).not.toContain('ExchangeRateDetails');
    expect(xml).not.toContain('EquivalentInEuros');
    expect(xml).toContain('<TaxCurrencyCode>EUR</TaxCurrencyCode>');
  });

  it('refuses an invoice in another currency without its rate', () => {
    expect(() => buildFacturae(sampleInvoice({ currency: 'USD' }))).toThrow(/exchange rate/);
  });
});
