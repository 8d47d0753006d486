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
