import { Dec } from '@sello/core/money';
import { buildCii } from '@sello/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_CASES, generatedCases } from '../ubl/fixtures.ts';
import {
  describeAsserts,
  EN16931_CII,
  fatal,
  loadSchematron,
  type Schematron,
} from '../ubl/schematron.ts';
import { expectGolden, scratch, text, texts, XSD, xmllint } from '../ubl/support.ts';

/**
 * Every export case as UN/CEFACT CII D16B following EN 16931, judged by the CII XSD (xmllint) and
 * the CEN EN 16931 CII rules (the official schematron, SaxonJS).
 */
const files = scratch('sello-cii-');
let cen: Schematron;

beforeAll(() => {
  cen = loadSchematron(EN16931_CII);
});
afterAll(() => files.remove());

const section = (xml: string, name: string): string => {
  const start = xml.indexOf(`<${name}>`);
  const end = xml.indexOf(`</${name}>`, start);
  expect(start, `${name} present`).toBeGreaterThanOrEqual(0);
  return xml.slice(start, end);
};

describe.each(EXPORT_CASES)('CII $name', ({ name, invoice, options, expect: kind, categories }) => {
  const xml = buildCii(invoice, options);
  const sign = kind.ciiType === '381' ? -1 : 1;
  const printed = (value: string) => new Dec(value).times(sign).toFixed(2);

  it(`has type code ${kind.ciiType}`, () => {
    expect(text(section(xml, 'rsm:ExchangedDocument'), 'ram:TypeCode')).toBe(kind.ciiType);
    expect(texts(section(xml, 'rsm:ExchangedDocument'), 'ram:ID')).toEqual([invoice.number]);
  });

  it('validates against the CII D16B XSD', () => {
    const result = xmllint(files.file(`${name}.xml`, xml), XSD.CrossIndustryInvoice);
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);
  });

  it('has no EN 16931 assert, fatal or warning', () => {
    const asserts = cen.check(xml);
    expect(fatal(asserts), describeAsserts(asserts)).toEqual([]);
    expect(asserts, describeAsserts(asserts)).toEqual([]);
  });

  it('prints the tax engine totals', () => {
    const totals = section(xml, 'ram:SpecifiedTradeSettlementHeaderMonetarySummation');
    const { net, tax, withheld, total } = invoice.totals;
    expect(text(totals, 'ram:LineTotalAmount')).toBe(printed(net));
    expect(text(totals, 'ram:TaxBasisTotalAmount')).toBe(printed(net));
    expect(text(totals, 'ram:TaxTotalAmount')).toBe(printed(tax));
    expect(text(totals, 'ram:GrandTotalAmount')).toBe(printed(new Dec(net).plus(tax).toFixed(2)));
    expect(texts(totals, 'ram:TotalPrepaidAmount')).toEqual(
      new Dec(withheld).isZero() ? [] : [printed(withheld)],
    );
    expect(text(totals, 'ram:DuePayableAmount')).toBe(printed(total));
  });

  it(`breaks VAT down as ${categories.join(', ')}`, () => {
    const settlement = section(xml, 'ram:ApplicableHeaderTradeSettlement');
    const found = [
      ...settlement.matchAll(
        /<ram:CategoryCode>(\w+)<\/ram:CategoryCode>(?:<ram:ExemptionReasonCode>[^<]*<\/ram:ExemptionReasonCode>)?(?:<ram:RateApplicablePercent>([^<]*)<\/ram:RateApplicablePercent>)?/g,
      ),
    ].map((m) => `${m[1]} ${m[2] ?? '-'}`);
    expect(found).toEqual(categories);
  });

  it('references the corrected invoice and carries the VERI*FACTU URL when given', () => {
    const reference = xml.includes('<ram:InvoiceReferencedDocument>')
      ? [
          text(section(xml, 'ram:InvoiceReferencedDocument'), 'ram:IssuerAssignedID'),
          text(section(xml, 'ram:InvoiceReferencedDocument'), 'qdt:DateTimeString'),
        ]
      : [];
    expect(reference).toEqual(
      invoice.corrective
        ? [
            invoice.corrective.originalNumber,
            invoice.corrective.originalIssueDate.replaceAll('-', ''),
          ]
        : [],
    );
    expect(texts(xml, 'ram:URIID').filter((uri) => uri.startsWith('https://'))).toEqual(
      options?.verifactuQrUrl ? [options.verifactuQrUrl.replaceAll('&', '&amp;')] : [],
    );
  });

  it('matches its golden file byte for byte', () => {
    expectGolden('cii', `${name}.xml`, xml);
  });
});

describe.each(generatedCases(8, 20260316))('CII of generated $name', ({ name, invoice }) => {
  it('validates against the XSD with no fatal EN 16931 assert', () => {
    const xml = buildCii(invoice);
    const result = xmllint(files.file(`${name}.xml`, xml), XSD.CrossIndustryInvoice);
    expect(result.output).toContain('validates');
    const asserts = fatal(cen.check(xml));
    expect(asserts, describeAsserts(asserts)).toEqual([]);
  });
});

describe('the CII oracles', () => {
  const xml = buildCii(EXPORT_CASES[0]!.invoice, EXPORT_CASES[0]!.options);

  it('xmllint rejects a document without its trade delivery', () => {
    const bad = xml.replace(
      /<ram:ApplicableHeaderTradeDelivery>.*?<\/ram:ApplicableHeaderTradeDelivery>/,
      '',
    );
    expect(bad).not.toBe(xml);
    const result = xmllint(files.file('no-delivery.xml', bad), XSD.CrossIndustryInvoice);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('ApplicableHeaderTradeSettlement');
  });

  it('the schematron rejects a document without a type code', () => {
    const bad = xml.replace('<ram:TypeCode>380</ram:TypeCode>', '');
    expect(fatal(cen.check(bad)).map((a) => a.id)).toEqual(['BR-04', 'CII-SR-014']);
  });
});

describe('CII of an invoice billed from a claim', () => {
  const xml = buildCii(EXPORT_CASES.find((c) => c.name === 'claim-insurer')!.invoice);

  it('names the claim (BT-10), the policy (BT-12) and the plate (BT-18) in the agreement', () => {
    const agreement = section(xml, 'ram:ApplicableHeaderTradeAgreement');
    expect(text(agreement, 'ram:BuyerReference')).toBe('SIN-2026-0042');
    expect(agreement).toContain(
      '<ram:ContractReferencedDocument><ram:IssuerAssignedID>POL-778899</ram:IssuerAssignedID>' +
        '</ram:ContractReferencedDocument>',
    );
    expect(agreement).toContain(
      '<ram:AdditionalReferencedDocument><ram:IssuerAssignedID>1234BCD</ram:IssuerAssignedID>' +
        '<ram:TypeCode>130</ram:TypeCode><ram:ReferenceTypeCode>ABZ</ram:ReferenceTypeCode>' +
        '</ram:AdditionalReferencedDocument>',
    );
  });
});
