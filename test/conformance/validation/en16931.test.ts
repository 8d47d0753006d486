import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UnreadableDocumentError } from '@sello/core/documents';
import { parseDocument } from '@sello/formats/parse';
import { describe, expect, it } from 'vitest';
import { mutate } from '../parse/support.ts';
import { EN16931_CII, EN16931_UBL, loadSchematron, type Schematron } from '../ubl/schematron.ts';

/**
 * `POST /v1/documents/validate` (parseDocument) against its oracle, the official EN 16931
 * schematron of CEN/TC 434 (validation artefacts 1.3.16, run by SaxonJS from the vendored SEF).
 *
 * What is compared: the set of EN 16931 business rule ids (BR-…) the schematron reports as fatal,
 * and the set of rule ids of our errors that are BR-…. Left out on both sides, and said why:
 * the schematron's warnings (BR-51 and the syntax-binding UBL-CR/UBL-SR/UBL-DT, CII-SR/CII-DT
 * rules, which are about how the syntax is used, not about the invoice), and our own additions
 * (ES-TAXID, AMOUNT, DATE, CURRENCY) that EN 16931 has no id for.
 *
 * Three corpora:
 * - complete documents: every vendored public UBL and CII sample (test/fixtures/samples: Peppol,
 *   CEN and XRechnung test-suite invoices) — our answer must be the same set (empty for all but
 *   the two that break rules);
 * - mutations of those samples, each breaking one rule — the same set, and the rule is in it;
 * - the CEN unit tests (test/fixtures/samples/en16931-cen/unit): fragments written to trigger
 *   or pass one rule (their `scope`); a fragment is no invoice, so it breaks dozens of other
 *   rules, and only whether the scope rule fires is compared.
 */
const SAMPLES = resolve(import.meta.dirname, '../../fixtures/samples');
const read = (path: string) => readFileSync(join(SAMPLES, path), 'utf8');
const xmlFiles = (folder: string) =>
  readdirSync(join(SAMPLES, folder))
    .filter((f) => /\.xml$/i.test(f))
    .map((f) => `${folder}/${f}`);

// Loaded once per file, when first needed: each SEF takes a second or two to read.
const loaded = new Map<string, Schematron>();
const schematronFor = (xml: string): Schematron => {
  const xslt = xml.includes('urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100')
    ? EN16931_CII
    : EN16931_UBL;
  let schematron = loaded.get(xslt);
  if (!schematron) {
    schematron = loadSchematron(xslt);
    loaded.set(xslt, schematron);
  }
  return schematron;
};

const isBusinessRule = (id: string) => id.startsWith('BR-');
const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

function official(xml: string): string[] {
  return sorted(
    schematronFor(xml)
      .check(xml)
      .filter((a) => a.flag === 'fatal' && isBusinessRule(a.id))
      .map((a) => a.id),
  );
}

function ours(xml: string): string[] {
  const doc = parseDocument(xml);
  return sorted(
    doc.errors
      .filter((e) => e.severity === 'error' && e.rule && isBusinessRule(e.rule))
      .map((e) => e.rule!),
  );
}

const COMPLETE = [
  ...xmlFiles('ubl'),
  ...xmlFiles('cii'),
  ...xmlFiles('en16931-cen/ubl-examples'),
  ...xmlFiles('en16931-cen/cii-examples'),
  ...xmlFiles('en16931-cen/testfiles'),
  ...xmlFiles('xrechnung'),
];

describe('complete public samples: the same BR rules as the official schematron', () => {
  it('has a corpus worth the name', () => {
    expect(COMPLETE.length).toBe(116);
  });

  it.each(COMPLETE)('%s', (path) => {
    const xml = read(path);
    expect(ours(xml)).toEqual(official(xml));
  });
});

const UBL_BASE = 'ubl/peppol-base-example.xml';
const UBL_ALLOWANCES = 'ubl/peppol-Allowance-example.xml';
const CII_BASE = 'cii/en16931-CII_example9.xml';
const PAYMENT_CODE = '<cbc:PaymentMeansCode name="Credit transfer">30</cbc:PaymentMeansCode>';
const UBL_SUBTOTAL_S =
  '<cbc:ID>S</cbc:ID>\n                <cbc:Percent>25.0</cbc:Percent>\n                <cac:TaxScheme>\n                    <cbc:ID>VAT</cbc:ID>\n                </cac:TaxScheme>\n            </cac:TaxCategory>\n        </cac:TaxSubtotal>';

/** [sample, what is broken, the rule that must fire, from, to]: one change to a valid sample. */
const MUTATIONS: [string, string, string, string, string][] = [
  [
    UBL_BASE,
    'a line in split payment (B) next to standard-rated ones',
    'BR-B-02',
    '</cac:CommodityClassification>\n            <cac:ClassifiedTaxCategory>\n                <cbc:ID>S</cbc:ID>\n                <cbc:Percent>25.0</cbc:Percent>',
    '</cac:CommodityClassification>\n            <cac:ClassifiedTaxCategory>\n                <cbc:ID>B</cbc:ID>\n                <cbc:Percent>25.0</cbc:Percent>',
  ],
  [
    UBL_BASE,
    'the amount due with three decimals',
    'BR-DEC-18',
    '<cbc:PayableAmount currencyID="EUR">1656.25<',
    '<cbc:PayableAmount currencyID="EUR">1656.250<',
  ],
  [
    UBL_BASE,
    'a VAT identifier without a country prefix',
    'BR-CO-09',
    '<cbc:CompanyID>GB1232434<',
    '<cbc:CompanyID>1232434<',
  ],
  [
    CII_BASE,
    'a VAT identifier without a country prefix',
    'BR-CO-09',
    '<ram:ID schemeID="VA">NL809163160B01<',
    '<ram:ID schemeID="VA">809163160B01<',
  ],
  [
    CII_BASE,
    'a VAT breakdown base with three decimals',
    'BR-DEC-19',
    '<ram:BasisAmount>147</ram:BasisAmount>',
    '<ram:BasisAmount>147.000</ram:BasisAmount>',
  ],
  [UBL_BASE, 'payment means code removed', 'BR-49', PAYMENT_CODE, ''],
  [
    UBL_BASE,
    'payment means code not in UNCL4461',
    'BR-CL-16',
    PAYMENT_CODE,
    '<cbc:PaymentMeansCode>3O</cbc:PaymentMeansCode>',
  ],
  [
    UBL_BASE,
    'credit transfer without an account id',
    'BR-50',
    '<cbc:ID>IBAN32423940</cbc:ID>',
    '<cbc:ID> </cbc:ID>',
  ],
  [
    UBL_BASE,
    'document charge without a reason',
    'BR-38',
    '<cbc:AllowanceChargeReason>Insurance</cbc:AllowanceChargeReason>',
    '',
  ],
  [
    UBL_BASE,
    'document charge without a VAT category',
    'BR-37',
    '<cbc:ID>S</cbc:ID>\n                <cbc:Percent>25.0</cbc:Percent>\n                <cac:TaxScheme>\n                    <cbc:ID>VAT</cbc:ID>\n                </cac:TaxScheme>\n            </cac:TaxCategory>\n        </cac:AllowanceCharge>',
    '<cbc:Percent>25.0</cbc:Percent>\n                <cac:TaxScheme>\n                    <cbc:ID>VAT</cbc:ID>\n                </cac:TaxScheme>\n            </cac:TaxCategory>\n        </cac:AllowanceCharge>',
  ],
  [
    UBL_BASE,
    'seller country not in ISO 3166',
    'BR-CL-14',
    '<cbc:IdentificationCode>GB</cbc:IdentificationCode>',
    '<cbc:IdentificationCode>UK</cbc:IdentificationCode>',
  ],
  [
    UBL_BASE,
    'unit of measure not in UN/ECE Rec 20',
    'BR-CL-23',
    '<cbc:InvoicedQuantity unitCode="DAY">7<',
    '<cbc:InvoicedQuantity unitCode="DAYS">7<',
  ],
  [
    UBL_BASE,
    'an exemption reason on a standard-rated row',
    'BR-S-10',
    UBL_SUBTOTAL_S,
    UBL_SUBTOTAL_S.replace(
      '<cbc:Percent>25.0</cbc:Percent>',
      '<cbc:Percent>25.0</cbc:Percent>\n                <cbc:TaxExemptionReason>Exempt</cbc:TaxExemptionReason>',
    ),
  ],
  [
    UBL_BASE,
    'a VAT accounting currency without its total',
    'BR-53',
    '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>',
    '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>\n    <cbc:TaxCurrencyCode>SEK</cbc:TaxCurrencyCode>',
  ],
  [
    UBL_BASE,
    'an invoicing period ending before it starts',
    'BR-29',
    '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>',
    '<cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>\n    <cac:InvoicePeriod><cbc:StartDate>2017-11-30</cbc:StartDate><cbc:EndDate>2017-11-01</cbc:EndDate></cac:InvoicePeriod>',
  ],
  [
    UBL_BASE,
    'the seller’s endpoint without a scheme',
    'BR-62',
    '<cbc:EndpointID schemeID="0088">',
    '<cbc:EndpointID>',
  ],
  [
    UBL_ALLOWANCES,
    'an exempt row without an exemption reason',
    'BR-E-10',
    '<cbc:TaxExemptionReason>Reason for tax exempt</cbc:TaxExemptionReason>',
    '',
  ],
  [
    CII_BASE,
    'payment means type code removed',
    'BR-49',
    '<ram:TypeCode>30</ram:TypeCode>\n                <ram:PayeePartyCreditorFinancialAccount>\n                    <ram:IBANID>NL13RABO0377815500</ram:IBANID>\n                </ram:PayeePartyCreditorFinancialAccount>\n                <ram:PayeeSpecifiedCreditorFinancialInstitution>',
    '<ram:PayeePartyCreditorFinancialAccount>\n                    <ram:IBANID>NL13RABO0377815500</ram:IBANID>\n                </ram:PayeePartyCreditorFinancialAccount>\n                <ram:PayeeSpecifiedCreditorFinancialInstitution>',
  ],
  [
    CII_BASE,
    'a product characteristic without its value',
    'BR-54',
    '<ram:Value>Start</ram:Value>',
    '',
  ],
  [
    CII_BASE,
    'a line period ending before it starts',
    'BR-30',
    '<ram:EndDateTime>\n                        <udt:DateTimeString format="102">20160401<',
    '<ram:EndDateTime>\n                        <udt:DateTimeString format="102">20160301<',
  ],
  [
    CII_BASE,
    'the buyer’s country not in ISO 3166',
    'BR-CL-14',
    '<ram:CountryID>NL</ram:CountryID>\n                </ram:PostalTradeAddress>\n            </ram:BuyerTradeParty>',
    '<ram:CountryID>XX</ram:CountryID>\n                </ram:PostalTradeAddress>\n            </ram:BuyerTradeParty>',
  ],
  [
    CII_BASE,
    'a line’s VAT category not in UNCL5305',
    'BR-CL-18',
    '<ram:CategoryCode>S</ram:CategoryCode>\n                    <ram:RateApplicablePercent>21</ram:RateApplicablePercent>\n                </ram:ApplicableTradeTax>\n                <ram:BillingSpecifiedPeriod>',
    '<ram:CategoryCode>Q</ram:CategoryCode>\n                    <ram:RateApplicablePercent>21</ram:RateApplicablePercent>\n                </ram:ApplicableTradeTax>\n                <ram:BillingSpecifiedPeriod>',
  ],
  [
    CII_BASE,
    'the VAT of the breakdown off by more than 1',
    'BR-S-09',
    '<ram:CalculatedAmount>30.87</ram:CalculatedAmount>',
    '<ram:CalculatedAmount>32.87</ram:CalculatedAmount>',
  ],
];

describe('mutated samples: the same BR rules as the official schematron', () => {
  it.each(MUTATIONS)('%s, %s → %s', (path, _what, rule, from, to) => {
    const xml = mutate(read(path), from, to);
    const expected = official(xml);
    expect(expected, 'the mutation breaks the rule for the official schematron').toContain(rule);
    expect(ours(xml)).toEqual(expected);
  });
});

/** One `<test>` of a CEN unit test file: the fragment and the rule its file is about. */
interface UnitCase {
  file: string;
  index: number;
  scope: string;
  xml: string;
}

const UNIT = 'en16931-cen/unit';
const UNIT_CASES: UnitCase[] = readdirSync(join(SAMPLES, UNIT)).flatMap((folder) =>
  xmlFiles(`${UNIT}/${folder}`).flatMap((file) => {
    const text = read(file);
    const scope = /<scope>([^<]+)<\/scope>/.exec(text)?.[1]?.trim() ?? '';
    return [...text.matchAll(/<test>([\s\S]*?)<\/test>/g)].map((m, i) => ({
      file: file.slice(UNIT.length + 1),
      index: i + 1,
      scope,
      xml: m[1]!.replace(/^\s*<assert>[\s\S]*?<\/assert>/, '').trim(),
    }));
  }),
);

/**
 * Rules of the unit tests we do not check, and why: UBL-DT-01/06/07 are rules of the UBL
 * binding about decimals and attachments' syntax, not EN 16931 business rules.
 */
const NOT_CHECKED = new Set(['UBL-DT-01', 'UBL-DT-06', 'UBL-DT-07']);

describe('CEN unit tests: the scope rule fires for us exactly when it fires officially', () => {
  it('covers the rules the CEN test suite covers', () => {
    const scopes = new Set(UNIT_CASES.map((c) => c.scope));
    expect(UNIT_CASES.length).toBeGreaterThan(500);
    expect(scopes.size).toBe(173);
  });

  it('agrees on every test of every rule but the syntax-binding ones', () => {
    const disagreements: string[] = [];
    const agreeing = new Set<string>();
    const failing = new Set<string>();
    for (const c of UNIT_CASES) {
      if (NOT_CHECKED.has(c.scope)) continue;
      const theirs = schematronFor(c.xml)
        .check(c.xml)
        .some((a) => a.flag === 'fatal' && a.id === c.scope);
      let mine: boolean;
      try {
        mine = parseDocument(c.xml).errors.some(
          (e) => e.severity === 'error' && e.rule === c.scope,
        );
      } catch (error) {
        if (!(error instanceof UnreadableDocumentError)) throw error;
        mine = false;
      }
      if (theirs === mine) agreeing.add(c.scope);
      else {
        failing.add(c.scope);
        disagreements.push(`${c.file}#${c.index} (${c.scope}): official ${theirs}, ours ${mine}`);
      }
    }
    expect(disagreements).toEqual([]);
    expect(agreeing.size).toBe(170);
  });
});
