import { Dec } from '@sello/core/money';
import { buildCii, buildUbl } from '@sello/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_CASES } from './fixtures.ts';
import {
  describeAsserts,
  EN16931_CII,
  EN16931_UBL,
  fatal,
  loadSchematron,
  PEPPOL_UBL,
  type Schematron,
} from './schematron.ts';
import { scratch, XSD, xmllint } from './support.ts';

/**
 * Spanish invoices in another currency: the document's amounts in that currency, the VAT
 * accounted in euros (EN 16931 BT-6 TaxCurrencyCode, BT-111 the VAT total in euros, BR-53),
 * judged by the XSDs, the CEN EN 16931 rules and (UBL) Peppol's.
 */
const files = scratch('sello-currency-');
let ublRules: Schematron;
let peppol: Schematron;
let ciiRules: Schematron;

beforeAll(() => {
  ublRules = loadSchematron(EN16931_UBL);
  peppol = loadSchematron(PEPPOL_UBL);
  ciiRules = loadSchematron(EN16931_CII);
});
afterAll(() => files.remove());

const caseNamed = (name: string) => EXPORT_CASES.find((c) => c.name === name)!;
const inUsd = (name: string) => ({
  ...caseNamed(name).invoice,
  currency: 'USD',
  exchangeRate: '0.9215',
});

describe.each([
  ['several-iva-rates', 'Invoice', 1],
  ['corrective-differences', 'CreditNote', -1],
] as const)('%s in USD', (name, root, sign) => {
  const invoice = inUsd(name);
  const euros = new Dec(invoice.totals.tax).times(invoice.exchangeRate).times(sign).toFixed(2);

  it('UBL: valid, USD amounts, VAT total also in EUR, no EN 16931 or Peppol error', () => {
    const xml = buildUbl(invoice);
    const result = xmllint(files.file(`${name}.ubl.xml`, xml), XSD[root]);
    expect(result.output).toContain('validates');
    expect(xml).toContain(
      '<cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode><cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>',
    );
    expect(xml).toContain(
      `<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">${euros}</cbc:TaxAmount></cac:TaxTotal>`,
    );
    expect(xml).not.toMatch(/currencyID="EUR">(?!\S+<\/cbc:TaxAmount><\/cac:TaxTotal>)/);
    const asserts = [...fatal(ublRules.check(xml)), ...peppol.check(xml)];
    expect(asserts, describeAsserts(asserts)).toEqual([]);
  });

  it('CII: valid, TaxCurrencyCode EUR and the VAT total in EUR, no EN 16931 error', () => {
    const xml = buildCii(invoice);
    const result = xmllint(files.file(`${name}.cii.xml`, xml), XSD.CrossIndustryInvoice);
    expect(result.output).toContain('validates');
    expect(xml).toContain(
      '<ram:TaxCurrencyCode>EUR</ram:TaxCurrencyCode><ram:InvoiceCurrencyCode>USD</ram:InvoiceCurrencyCode>',
    );
    expect(xml).toContain(`<ram:TaxTotalAmount currencyID="EUR">${euros}</ram:TaxTotalAmount>`);
    const asserts = fatal(ciiRules.check(xml));
    expect(asserts, describeAsserts(asserts)).toEqual([]);
  });
});

describe('the currency oracles', () => {
  it('the EN 16931 rules refuse a tax currency without its VAT total (BR-53)', () => {
    const xml = buildUbl(inUsd('several-iva-rates')).replace(
      /<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">[^<]*<\/cbc:TaxAmount><\/cac:TaxTotal>/,
      '',
    );
    expect(fatal(ublRules.check(xml)).map((a) => a.id)).toContain('BR-53');
  });

  it('refuses an invoice in another currency without its exchange rate', () => {
    const { exchangeRate: _r, ...noRate } = inUsd('several-iva-rates');
    expect(() => buildUbl(noRate)).toThrow(/exchange rate/);
  });
});
