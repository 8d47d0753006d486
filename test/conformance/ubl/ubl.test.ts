import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { Dec } from '@sello/core/money';
import { buildUbl } from '@sello/formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNIT_CODES } from '../../../packages/formats/src/en16931/codes.ts';
import { EXPORT_CASES, generatedCases } from './fixtures.ts';
import {
  describeAsserts,
  EN16931_UBL,
  fatal,
  loadSchematron,
  MANIFEST_FILE,
  PEPPOL_UBL,
  SCHEMATRON_XSLTS,
  type Schematron,
  type SchematronManifest,
  sha256,
} from './schematron.ts';
import { expectGolden, scratch, text, texts, XSD, xmllint } from './support.ts';

/**
 * Every export case as UBL 2.1 / Peppol BIS Billing 3.0, judged by independent tools: the OASIS
 * XSD (xmllint), the CEN EN 16931 rules and the Peppol rules (the official schematron, SaxonJS).
 */
const files = scratch('sello-ubl-');
let cen: Schematron;
let peppol: Schematron;

beforeAll(() => {
  cen = loadSchematron(EN16931_UBL);
  peppol = loadSchematron(PEPPOL_UBL);
});
afterAll(() => files.remove());

/** Warnings a case is expected to raise; everything else must be clean. */
const EXPECTED_WARNINGS: Record<string, string[]> = {
  // IRPF in UBL 2.1's WithholdingTaxTotal, outside EN 16931 (see README).
  'irpf-withholding': ['UBL-CR-513'],
};

const section = (xml: string, name: string): string => {
  const start = xml.indexOf(`<${name}>`);
  const end = xml.indexOf(`</${name}>`, start);
  expect(start, `${name} present`).toBeGreaterThanOrEqual(0);
  return xml.slice(start, end);
};

describe.each(EXPORT_CASES)('UBL $name', ({ name, invoice, options, expect: kind, categories }) => {
  const xml = buildUbl(invoice, options);
  const sign = kind.ubl === 'CreditNote' ? -1 : 1;
  const printed = (value: string) => new Dec(value).times(sign).toFixed(2);

  it(`is a ${kind.ubl} with type code ${kind.ublType}`, () => {
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n')).toBe(true);
    expect(xml).toMatch(new RegExp(`^[^\\n]*\\n<${kind.ubl} `));
    expect(text(xml, `cbc:${kind.ubl}TypeCode`)).toBe(kind.ublType);
    expect(text(xml, 'cbc:CustomizationID')).toBe(
      'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    );
    expect(text(xml, 'cbc:ProfileID')).toBe('urn:fdc:peppol.eu:2017:poacc:billing:01:1.0');
  });

  it('validates against the UBL 2.1 XSD', () => {
    const result = xmllint(files.file(`${name}.xml`, xml), XSD[kind.ubl]);
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);
  });

  it('has no fatal EN 16931 assert, and only the expected warnings', () => {
    const asserts = cen.check(xml);
    expect(fatal(asserts), describeAsserts(asserts)).toEqual([]);
    expect(asserts.map((a) => a.id)).toEqual(EXPECTED_WARNINGS[name] ?? []);
  });

  it('has no Peppol BIS Billing 3.0 assert', () => {
    const asserts = peppol.check(xml);
    expect(asserts, describeAsserts(asserts)).toEqual([]);
  });

  it('prints the tax engine totals', () => {
    const totals = section(xml, 'cac:LegalMonetaryTotal');
    const { net, tax, withheld, total } = invoice.totals;
    expect(text(totals, 'cbc:LineExtensionAmount')).toBe(printed(net));
    expect(text(totals, 'cbc:TaxExclusiveAmount')).toBe(printed(net));
    expect(text(totals, 'cbc:TaxInclusiveAmount')).toBe(printed(new Dec(net).plus(tax).toFixed(2)));
    expect(texts(totals, 'cbc:PrepaidAmount')).toEqual(
      new Dec(withheld).isZero() ? [] : [printed(withheld)],
    );
    expect(text(totals, 'cbc:PayableAmount')).toBe(printed(total));
    expect(texts(section(xml, 'cac:TaxTotal'), 'cbc:TaxAmount')[0]).toBe(printed(tax));
  });

  it(`breaks VAT down as ${categories.join(', ')}`, () => {
    const taxTotal = section(xml, 'cac:TaxTotal');
    const found = [
      ...taxTotal.matchAll(
        /<cac:TaxCategory><cbc:ID>(\w+)<\/cbc:ID>(?:<cbc:Percent>([^<]*)<\/cbc:Percent>)?/g,
      ),
    ].map((m) => `${m[1]} ${m[2] ?? '-'}`);
    expect(found).toEqual(categories);
  });

  it('references the corrected invoice and carries the VERI*FACTU URL when given', () => {
    const billing = invoice.corrective
      ? [invoice.corrective.originalNumber, invoice.corrective.originalIssueDate]
      : [];
    const reference = xml.includes('<cac:BillingReference>')
      ? [
          ...section(xml, 'cac:BillingReference').matchAll(
            /<cbc:(?:ID|IssueDate)>([^<]*)<\/cbc:(?:ID|IssueDate)>/g,
          ),
        ].map((m) => m[1])
      : [];
    expect(reference).toEqual(billing);
    expect(texts(xml, 'cbc:URI')).toEqual(
      options?.verifactuQrUrl ? [options.verifactuQrUrl.replaceAll('&', '&amp;')] : [],
    );
  });

  it('matches its golden file byte for byte', () => {
    expectGolden('ubl', `${name}.xml`, xml);
  });
});

describe.each(generatedCases(8, 20260316))('UBL of generated $name', ({ name, invoice }) => {
  it('validates against the XSD with no fatal EN 16931 or Peppol assert', () => {
    const xml = buildUbl(invoice, { verifactuQrUrl: 'https://example.com/?a=1&b=2' });
    const root = xml.includes('<CreditNote ') ? 'CreditNote' : 'Invoice';
    const result = xmllint(files.file(`${name}.xml`, xml), XSD[root]);
    expect(result.output).toContain('validates');
    const asserts = fatal([...cen.check(xml), ...peppol.check(xml)]);
    expect(asserts, describeAsserts(asserts)).toEqual([]);
  });
});

describe('the UBL oracles', () => {
  const xml = buildUbl(EXPORT_CASES[0]!.invoice, EXPORT_CASES[0]!.options);

  it('xmllint rejects a document without an issue date', () => {
    const bad = xml.replace(/<cbc:IssueDate>2026-03-16<\/cbc:IssueDate>/, '');
    const result = xmllint(files.file('no-date.xml', bad), XSD.Invoice);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('Expected is one of');
    expect(result.output).toContain('IssueDate');
  });

  it('the schematron rejects a wrong VAT total and a missing buyer reference', () => {
    const bad = xml
      .replace(/<cbc:BuyerReference>[^<]*<\/cbc:BuyerReference>/, '')
      .replace(/(<cac:TaxTotal><cbc:TaxAmount currencyID="EUR">)[^<]*/, '$11.00');
    expect(fatal(cen.check(bad)).map((a) => a.id)).toEqual(['BR-CO-15', 'BR-CO-14']);
    expect(fatal(peppol.check(bad)).map((a) => a.id)).toEqual(['PEPPOL-EN16931-R003']);
  });
});

describe('the vendored rules', () => {
  it.each(SCHEMATRON_XSLTS.map((xslt) => basename(xslt)))(
    '%s runs from a SEF compiled from this very XSLT',
    (name) => {
      const xslt = SCHEMATRON_XSLTS.find((x) => basename(x) === name)!;
      const manifest = JSON.parse(
        readFileSync(join(dirname(xslt), MANIFEST_FILE), 'utf8'),
      ) as SchematronManifest;
      expect(manifest[name]?.xsltSha256).toBe(sha256(readFileSync(xslt)));
    },
  );

  it('every unit code Sello writes is in the EN 16931 unit code list (BR-CL-23)', () => {
    const rules = readFileSync(EN16931_UBL, 'utf8');
    const list = /contains\(' (10 11 13 [^']*)'/.exec(rules)?.[1]?.split(' ');
    expect(list?.length).toBeGreaterThan(1000);
    expect(UNIT_CODES.filter((code) => !list!.includes(code))).toEqual([]);
  });
});

describe('UBL of an invoice billed from a claim', () => {
  const xml = buildUbl(EXPORT_CASES.find((c) => c.name === 'claim-insurer')!.invoice);

  it('names the claim where the insurer matches (BT-10), the policy (BT-12), the plate (BT-18)', () => {
    expect(text(xml, 'cbc:BuyerReference')).toBe('SIN-2026-0042');
    expect(section(xml, 'cac:ContractDocumentReference')).toContain('<cbc:ID>POL-778899</cbc:ID>');
    expect(xml).toContain(
      '<cac:AdditionalDocumentReference><cbc:ID schemeID="ABZ">1234BCD</cbc:ID>' +
        '<cbc:DocumentTypeCode>130</cbc:DocumentTypeCode></cac:AdditionalDocumentReference>',
    );
  });
});
