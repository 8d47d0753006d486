import { UnreadableDocumentError } from '@sello/core/documents';
import { describe, expect, it } from 'vitest';
import { parseDocument } from './index.ts';

const UBL_NS =
  'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"';

describe('parseDocument: which format, by root element and namespace', () => {
  it.each([
    [`<Invoice ${UBL_NS}/>`, 'ubl', '2.1'],
    [
      '<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/>',
      'ubl',
      '2.1',
    ],
    [
      '<rsm:CrossIndustryInvoice xmlns:rsm="urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100"/>',
      'cii',
      'D16B',
    ],
    [
      '<f:Facturae xmlns:f="http://www.facturae.es/Facturae/2009/v3.2/Facturae"/>',
      'facturae',
      '3.2',
    ],
  ])('%s', (xml, format, version) => {
    const doc = parseDocument(xml);
    expect([doc.format, doc.version, doc.valid]).toEqual([format, version, false]);
  });

  it.each([
    // The right name in the wrong namespace, and the right namespace on the wrong element.
    '<Invoice xmlns="urn:example"/>',
    '<Invoice/>',
    '<Order xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>',
    '<Facturae xmlns="http://www.facturae.gob.es/formato/Versiones/Facturaev3_3.xml"/>',
    '<Facturae xmlns="constructor"/>',
  ])('refuses %s as an unknown root', (xml) => {
    expect(() => parseDocument(xml)).toThrow(UnreadableDocumentError);
  });
});

describe('parseDocument: details the samples do not cover', () => {
  it('reads IRPF from a UBL WithholdingTaxTotal and checks it', () => {
    const xml = `<Invoice ${UBL_NS}><cac:WithholdingTaxTotal><cbc:TaxAmount currencyID="EUR">15.00</cbc:TaxAmount><cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">100.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">15.00</cbc:TaxAmount><cac:TaxCategory><cbc:Percent>15</cbc:Percent><cac:TaxScheme><cbc:ID>IRPF</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal></cac:WithholdingTaxTotal></Invoice>`;
    const doc = parseDocument(xml);
    expect(doc.invoice!.totals.withheld).toBe('15.00');
    expect(doc.invoice!.breakdown).toEqual([
      { type: 'IRPF', rate: '15', base: '100.00', amount: '15.00', withheld: true },
    ]);
    const wrong = parseDocument(
      xml.replace('<cbc:TaxAmount currencyID="EUR">15.00', '<cbc:TaxAmount currencyID="EUR">14.00'),
    );
    expect(wrong.errors.filter((e) => e.rule === 'WITHHELD')).toHaveLength(1);
  });

  it('maps Facturae alpha-3 countries back to alpha-2 (USA is the US, not a territory; unknown codes give none)', () => {
    const party = (code: string) =>
      `<TaxIdentification><PersonTypeCode>F</PersonTypeCode><ResidenceTypeCode>E</ResidenceTypeCode><TaxIdentificationNumber>x-1</TaxIdentificationNumber></TaxIdentification><Individual><Name>Ann</Name><FirstSurname>Lee</FirstSurname><OverseasAddress><Address>1 Main St</Address><PostCodeAndTown>10001 New York</PostCodeAndTown><Province>NY</Province><CountryCode>${code}</CountryCode></OverseasAddress></Individual>`;
    const doc = parseDocument(
      `<fe:Facturae xmlns:fe="http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml"><Parties><SellerParty>${party('USA')}</SellerParty><BuyerParty>${party('XXX')}</BuyerParty></Parties><Invoices><Invoice/></Invoices></fe:Facturae>`,
    );
    expect(doc.valid).toBe(false);
    expect(doc.invoice!.seller).toEqual({
      taxId: 'X1',
      name: 'Ann Lee',
      countryCode: 'US',
      address: {
        street: '1 Main St',
        city: '10001 New York',
        province: 'NY',
        countryCode: 'US',
      },
    });
    expect(doc.invoice!.buyer.countryCode).toBeUndefined();
  });
});
