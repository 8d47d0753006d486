import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { ParsedDocument } from '@sello/core/documents';
import { parseDocument } from '@sello/formats/parse';
import { signFacturae } from '@sello/signing';
import { type TestSigningIdentity, testIdentity } from '@sello/signing/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratch, xmllint } from '../facturae/support.ts';
import { mutate } from '../parse/support.ts';

/**
 * Facturae validation against its oracle, the official 3.2.2 XSD (xmllint): a document the XSD
 * accepts is not refused by our tax checks for what the XSD lets it leave out (withheld taxes and
 * recargo de equivalencia stated only at invoice level), and the checks still catch figures that
 * disagree.
 */
const fixtures = resolve(import.meta.dirname, '../../fixtures');
const sample = (name: string) => readFileSync(join(fixtures, 'samples/facturae', name), 'utf8');
const golden = (name: string) => readFileSync(join(fixtures, 'golden/facturae', name), 'utf8');
const rules = (doc: ParsedDocument) => doc.errors.map((e) => `${e.severity} ${e.rule} ${e.path}`);

let identity: TestSigningIdentity;
const files = scratch();
const sign = (xml: string) =>
  signFacturae(xml, {
    signer: identity.signer,
    keyId: identity.keyId,
    certificateDer: identity.certificateDer,
    algorithm: 'RSASSA_PKCS1_V1_5_SHA_512',
    signingTime: new Date(),
  });

/** xmllint's verdict on the signed document, then ours. */
async function judge(name: string, xml: string) {
  const signed = await sign(xml);
  const schema = xmllint(files.file(name, signed));
  return { schema, doc: parseDocument(signed) };
}

beforeAll(async () => {
  identity = await testIdentity();
});
afterAll(() => files.remove());

describe('Facturae taxes stated only at invoice level', () => {
  it.each([
    ['irpf-invoice-level.xml', 'IRPF 15 % in TaxesWithheld of the invoice, none on the lines'],
    ['re-zero-invoice-level.xml', 'a 0 % recargo de equivalencia on the invoice’s IVA row only'],
  ])('%s (%s) passes the XSD and is reported valid', async (name) => {
    const { schema, doc } = await judge(name, sample(name));
    expect(schema.status, schema.output).toBe(0);
    expect(rules(doc)).toEqual([]);
    expect(doc.valid).toBe(true);
  });

  it('IRPF on the lines that disagrees with the invoice’s row is still reported', async () => {
    const xml = mutate(
      golden('design-acceptance.xml'),
      '<TaxesWithheld><Tax><TaxTypeCode>04</TaxTypeCode><TaxRate>15.00</TaxRate><TaxableBase><TotalAmount>300.00</TotalAmount></TaxableBase><TaxAmount><TotalAmount>45.00</TotalAmount></TaxAmount></Tax></TaxesWithheld><TaxesOutputs>',
      '<TaxesWithheld><Tax><TaxTypeCode>04</TaxTypeCode><TaxRate>15.00</TaxRate><TaxableBase><TotalAmount>200.00</TotalAmount></TaxableBase><TaxAmount><TotalAmount>30.00</TotalAmount></TaxAmount></Tax></TaxesWithheld><TaxesOutputs>',
    );
    const { schema, doc } = await judge('irpf-disagrees.xml', xml);
    expect(schema.status, schema.output).toBe(0);
    expect(rules(doc)).toEqual(['error FACTURAE-TAX-BASE breakdown']);
    expect(doc.errors[0]!.message).toMatch(/IRPF at 15 % \(withheld\)/);
  });

  it('a recargo on a line that the invoice leaves out is still reported', async () => {
    const xml = mutate(
      golden('iva21-simple.xml'),
      '<TaxAmount><TotalAmount>105.00</TotalAmount></TaxAmount></Tax>',
      '<TaxAmount><TotalAmount>105.00</TotalAmount></TaxAmount><EquivalenceSurcharge>5.20</EquivalenceSurcharge><EquivalenceSurchargeAmount><TotalAmount>26.00</TotalAmount></EquivalenceSurchargeAmount></Tax>',
    );
    const { schema, doc } = await judge('re-missing.xml', xml);
    expect(schema.status, schema.output).toBe(0);
    expect(rules(doc)).toEqual(['error FACTURAE-TAX-BASE breakdown']);
  });
});

/**
 * Every check our validator reports on a Facturae stands on a rule: either the XSD (then xmllint
 * rejects the document too) or a relation the official XSD documents for the element (quoted here
 * and found in the vendored Facturaev3_2_2.xsd, so the citation cannot drift), which an XSD cannot
 * enforce (xmllint accepts the document and only our check catches it).
 */
const XSD_TEXT = readFileSync(join(fixtures, 'schemas/facturae/Facturaev3_2_2.xsd'), 'utf8');
const unsigned = golden('design-acceptance.xml');

/**
 * [rule, what changes, from, to, the rule's words (the XSD's own, or a law's, which starts with
 * "Real Decreto"), whether xmllint rejects it too]
 */
const FACTURAE_RULES: [string, string, string, string, string, boolean][] = [
  [
    'FACTURAE-LINE',
    'a line’s TotalCost',
    '<TotalCost>25.00<',
    '<TotalCost>26.00<',
    'Result: Quantity x UnitPriceWithoutTax.',
    false,
  ],
  [
    'FACTURAE-LINE',
    'a line’s GrossAmount',
    '<GrossAmount>54.00<',
    '<GrossAmount>55.00<',
    'Result: TotalCost - DiscountAmount + ChargeAmount.',
    false,
  ],
  [
    'BR-CO-10',
    'TotalGrossAmount',
    '<TotalGrossAmount>379.00<',
    '<TotalGrossAmount>380.00<',
    'Total sum of the gross amounts of the invoice items.',
    false,
  ],
  [
    'BR-CO-13',
    'TotalGrossAmountBeforeTaxes',
    '<TotalGrossAmountBeforeTaxes>379.00<',
    '<TotalGrossAmountBeforeTaxes>378.00<',
    'Result: TotalGrossAmount - TotalGeneralDiscounts + TotalGeneralSurcharges.',
    false,
  ],
  [
    'BR-CO-14',
    'TotalTaxOutputs',
    '<TotalTaxOutputs>75.34<',
    '<TotalTaxOutputs>75.43<',
    'Sum of different fields Tax Amounts + Total Equivalence Surcharges.',
    false,
  ],
  [
    'WITHHELD',
    'TotalTaxesWithheld',
    '<TotalTaxesWithheld>45.00<',
    '<TotalTaxesWithheld>40.00<',
    'Sum of different fields TaxAmount.',
    false,
  ],
  [
    'BR-CO-15',
    'InvoiceTotal',
    '<InvoiceTotal>409.34<',
    '<InvoiceTotal>409.43<',
    'Result: TotalGrossAmountBeforeTaxes + TotalTaxOutputs - TotalTaxesWithheld.',
    false,
  ],
  [
    'BR-CO-17',
    'a tax row’s TaxAmount',
    '<TaxAmount><TotalAmount>74.34<',
    '<TaxAmount><TotalAmount>76.34<',
    'Amount resulting from applying the corresponding rate to the taxable base.',
    false,
  ],
  [
    'FACTURAE-TAX-BASE',
    'a line’s taxable base',
    '<TaxableBase><TotalAmount>54.00<',
    '<TaxableBase><TotalAmount>55.00<',
    'Total Gross Amount + Surcharges – Global Discounts/invoice, for each type, rate and Equivalence Surcharge.',
    false,
  ],
  [
    'FACTURAE-OUTSTANDING',
    'TotalOutstandingAmount',
    '<TotalOutstandingAmount>409.34<',
    '<TotalOutstandingAmount>400.00<',
    'Result: InvoiceTotal - (SubsidyAmount + TotalPaymentsOnAccount).',
    false,
  ],
  [
    'FACTURAE-EXECUTABLE',
    'TotalExecutableAmount',
    '<TotalExecutableAmount>409.34<',
    '<TotalExecutableAmount>400.00<',
    'Result: TotalOutstandingAmount - WithholdingAmount - PaymentInKindAmount + Reimbursable expenses + Financial expenses.',
    false,
  ],
  [
    'FACTURAE-BATCH',
    'InvoicesCount',
    '<InvoicesCount>1<',
    '<InvoicesCount>2<',
    'It will always take the value "1" when field Modality (Modality) takes the value "I".',
    false,
  ],
  [
    'FACTURAE-BATCH',
    'the batch’s TotalInvoicesAmount',
    '<TotalInvoicesAmount><TotalAmount>409.34<',
    '<TotalInvoicesAmount><TotalAmount>409.00<',
    'Sum of the amounts InvoiceTotal of the File.',
    false,
  ],
  [
    'FACTURAE-VERSION',
    'SchemaVersion',
    '<SchemaVersion>3.2.2<',
    '<SchemaVersion>3.2.1<',
    '<xs:enumeration value="3.2.2"/>',
    true,
  ],
  // The XSD lets InvoiceNumber be empty (TextMax20Type); Spanish law does not.
  [
    'BR-02',
    'the invoice number (emptied)',
    '<InvoiceNumber>2026-0002<',
    '<InvoiceNumber><',
    'Real Decreto 1619/2012, art. 6.1.a: «Número y, en su caso, serie»',
    false,
  ],
  [
    'FACTURAE-REQUIRED',
    'the buyer’s tax id (emptied)',
    '<TaxIdentificationNumber>A58818501<',
    '<TaxIdentificationNumber><',
    '<xs:element name="TaxIdentificationNumber" type="TextMin3Max30Type">',
    true,
  ],
];

describe('each Facturae check stands on the XSD or on a relation the XSD documents', () => {
  it.each(FACTURAE_RULES)('%s: %s', (rule, _what, from, to, citation, xsdRejects) => {
    if (!citation.startsWith('Real Decreto')) {
      expect(XSD_TEXT, 'the cited rule is in the official XSD').toContain(citation);
    }
    const xml = mutate(unsigned, from, to);
    const schema = xmllint(files.file(`${rule}.xml`, xml));
    expect(schema.status !== 0, schema.output).toBe(xsdRejects);
    const doc = parseDocument(xml);
    expect(doc.errors.map((e) => e.rule)).toContain(rule);
  });

  it('the unchanged golden passes the XSD and lacks only its signature', () => {
    const schema = xmllint(files.file('golden.xml', unsigned));
    expect(schema.status, schema.output).toBe(0);
    expect(rules(parseDocument(unsigned))).toEqual(['error SIGNATURE-MISSING /ds:Signature']);
  });
});
