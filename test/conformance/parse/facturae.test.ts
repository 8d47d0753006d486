import type { ParsedDocument } from '@sello/core/documents';
import { buildFacturae } from '@sello/formats';
import { parseDocument } from '@sello/formats/parse';
import { signFacturae } from '@sello/signing';
import { canonicalizeRoot } from '@sello/signing/canonicalize';
import { type TestSigningIdentity, testIdentity } from '@sello/signing/testing';
import { beforeAll, describe, expect, it } from 'vitest';
import { GOLDEN_INVOICES } from '../facturae/fixtures.ts';
import { golden, mutate } from './support.ts';

/** The totals each golden states (test/fixtures/golden/facturae/*.xml), as written. */
const TOTALS: Record<string, Record<string, string>> = {
  'iva21-simple': {
    lineNet: '537.05',
    net: '537.05',
    tax: '112.78',
    withheld: '0.00',
    total: '649.83',
    payable: '649.83',
  },
  'design-acceptance': {
    lineNet: '379.00',
    net: '379.00',
    tax: '75.34',
    withheld: '45.00',
    total: '409.34',
    payable: '409.34',
  },
  'recargo-equivalencia': {
    lineNet: '148.00',
    net: '148.00',
    tax: '30.89',
    withheld: '0.00',
    total: '178.89',
    payable: '178.89',
  },
  'exempt-e1': {
    lineNet: '1245.00',
    net: '1245.00',
    tax: '1.80',
    withheld: '0.00',
    total: '1246.80',
    payable: '1246.80',
  },
  'igic-canarias': {
    lineNet: '180.00',
    net: '180.00',
    tax: '11.40',
    withheld: '0.00',
    total: '191.40',
    payable: '191.40',
  },
  'eu-customer': {
    lineNet: '568.86',
    net: '568.86',
    tax: '0.00',
    withheld: '0.00',
    total: '568.86',
    payable: '568.86',
  },
  'corrective-differences': {
    lineNet: '-100.00',
    net: '-100.00',
    tax: '-21.00',
    withheld: '0.00',
    total: '-121.00',
    payable: '-121.00',
  },
};
const NAMES = Object.keys(TOTALS);

/** The golden certificate (signing-cert.pem) as the report describes it. */
const GOLDEN_SIGNER = {
  subject: 'serialNumber=IDCES-12345678Z, CN=Sello Conformance Test Signer, O=Sello Demo, C=ES',
  issuer: 'serialNumber=IDCES-12345678Z, CN=Sello Conformance Test Signer, O=Sello Demo, C=ES',
  serialNumber: '51869083057159285372524356148959742336',
  notBefore: '2026-11-23T16:05:35.000Z',
  notAfter: '2036-11-23T16:05:35.000Z',
};

const rules = (doc: ParsedDocument) => doc.errors.map((e) => `${e.severity} ${e.rule} ${e.path}`);
/** What an unsigned Facturae always reports: it is not a valid invoice without its signature. */
const UNSIGNED = 'error SIGNATURE-MISSING /ds:Signature';

describe('our Facturae goldens', () => {
  it.each(NAMES)(
    '%s.xml (unsigned) parses, states its totals, and lacks only its signature',
    (name) => {
      const doc = parseDocument(golden(`${name}.xml`));
      expect(doc).toMatchObject({ format: 'facturae', version: '3.2.2', valid: false });
      expect(rules(doc)).toEqual([UNSIGNED]);
      expect(doc.signature).toBeUndefined();
      expect(doc.invoice!.totals).toMatchObject(TOTALS[name]!);
    },
  );

  it.each(NAMES)('%s.xsig verifies, names its signer and reads as the unsigned one', (name) => {
    const doc = parseDocument(golden(`${name}.xsig`));
    expect(doc.valid).toBe(true);
    expect(doc.signature).toEqual({
      valid: true,
      signer: GOLDEN_SIGNER,
      signingTime: '2026-03-16T09:30:00.000Z',
    });
    // The goldens are signed at a fixed past instant with a certificate made later: true, and said.
    expect(rules(doc)).toEqual(['warning SIGNATURE /ds:Signature']);
    expect(doc.invoice).toEqual(parseDocument(golden(`${name}.xml`)).invoice);
  });

  it('reads IRPF, discounts, payment and notes (design acceptance)', () => {
    const invoice = parseDocument(golden('design-acceptance.xml')).invoice!;
    expect(invoice).toMatchObject({
      kind: 'invoice',
      number: '2026-0002',
      series: 'P',
      typeCode: 'FC/OO',
      issueDate: '2026-03-16',
      dueDate: '2026-04-15',
      currency: 'EUR',
      notes: 'Gracias por su confianza & puntualidad <siempre>.',
      payment: { means: '04', iban: 'ES9121000418450200051332', dueDate: '2026-04-15' },
      allowanceCharges: [],
    });
    expect(invoice.seller).toEqual({
      taxId: '12345678Z',
      name: 'Lucía Fernández de la Torre',
      countryCode: 'ES',
      address: {
        street: 'Calle Colón 12, 2º B',
        postalCode: '46004',
        city: 'Valencia',
        province: 'Valencia/València',
        countryCode: 'ES',
      },
      email: 'lucia@asesoria.example',
    });
    expect(invoice.breakdown).toEqual([
      { type: 'IVA', rate: '21.00', base: '354.00', amount: '74.34' },
      { type: 'IVA', rate: '4.00', base: '25.00', amount: '1.00' },
      { type: 'IRPF', rate: '15.00', base: '300.00', amount: '45.00', withheld: true },
    ]);
    expect(invoice.lines[0]).toEqual({
      description: 'Consultoría fiscal (horas)',
      quantity: '2',
      unitCode: '02',
      unitPrice: '150.00',
      net: '300.00',
      taxes: [
        { type: 'IVA', rate: '21.00', base: '300.00', amount: '63.00' },
        { type: 'IRPF', rate: '15.00', base: '300.00', amount: '45.00', withheld: true },
      ],
    });
    expect(invoice.lines[1]).toMatchObject({ quantity: '3', unitPrice: '20.00', net: '54.00' });
  });

  it('reads recargo de equivalencia as RE rows next to their IVA', () => {
    const { breakdown } = parseDocument(golden('recargo-equivalencia.xml')).invoice!;
    expect(breakdown).toEqual([
      { type: 'IVA', rate: '21.00', base: '85.00', amount: '17.85' },
      { type: 'RE', rate: '5.20', base: '85.00', amount: '4.42' },
      { type: 'IVA', rate: '21.00', base: '15.00', amount: '3.15' },
      { type: 'IVA', rate: '10.00', base: '48.00', amount: '4.80' },
      { type: 'RE', rate: '1.40', base: '48.00', amount: '0.67' },
    ]);
  });

  it('reads a corrective invoice, IGIC, exemptions and a foreign buyer', () => {
    expect(parseDocument(golden('corrective-differences.xml')).invoice).toMatchObject({
      kind: 'corrective',
      number: '2026-0001',
      series: 'R',
      typeCode: 'FC/OR',
      preceding: { number: '2026-0007', series: 'A', issueDate: '2026-02-10', reason: '16' },
    });
    expect(
      parseDocument(golden('igic-canarias.xml')).invoice!.breakdown.map((r) => r.type),
    ).toEqual(['IGIC', 'IGIC']);
    expect(parseDocument(golden('exempt-e1.xml')).invoice!.lines[0]!.taxes).toEqual([
      {
        type: 'IVA',
        rate: '0.00',
        base: '1200.00',
        amount: '0.00',
        exemptionReason: 'Operación exenta por el artículo 20 de la Ley 37/1992 del IVA',
        exemptionCode: '01',
      },
    ]);
    expect(parseDocument(golden('eu-customer.xml')).invoice!.buyer).toEqual({
      taxId: 'FR40303265045',
      name: 'Éditions Lumière SARL',
      countryCode: 'FR',
      address: {
        street: '12 rue de la Paix',
        city: '75002 Paris',
        province: 'Île-de-France',
        countryCode: 'FR',
      },
      email: 'compta@lumiere.example',
    });
  });
});

describe('Facturae checks', () => {
  const unsigned = golden('design-acceptance.xml');

  it.each([
    [
      'the invoice total',
      '<InvoiceTotal>409.34<',
      '<InvoiceTotal>409.43<',
      [
        'error FACTURAE-OUTSTANDING /Invoices/Invoice[1]/InvoiceTotals/TotalOutstandingAmount',
        'error FACTURAE-BATCH /FileHeader/Batch/TotalInvoicesAmount/TotalAmount',
        'error BR-CO-15 totals.total',
      ],
    ],
    [
      'the amount due',
      '<TotalExecutableAmount>409.34<',
      '<TotalExecutableAmount>400.00<',
      [
        'error FACTURAE-EXECUTABLE /Invoices/Invoice[1]/InvoiceTotals/TotalExecutableAmount',
        'error FACTURAE-BATCH /FileHeader/Batch/TotalExecutableAmount/TotalAmount',
      ],
    ],
    [
      'the withheld total',
      '<TotalTaxesWithheld>45.00<',
      '<TotalTaxesWithheld>40.00<',
      ['error WITHHELD totals.withheld', 'error BR-CO-15 totals.total'],
    ],
    [
      'a line amount',
      '<GrossAmount>54.00<',
      '<GrossAmount>55.00<',
      [
        'error FACTURAE-LINE /Invoices/Invoice[1]/Items/InvoiceLine[2]/GrossAmount',
        'error BR-CO-10 totals.lineNet',
      ],
    ],
    [
      'a line tax base',
      '<TaxableBase><TotalAmount>54.00<',
      '<TaxableBase><TotalAmount>55.00<',
      ['error FACTURAE-TAX-BASE breakdown'],
    ],
    [
      'the seller NIF',
      '<TaxIdentificationNumber>12345678Z<',
      '<TaxIdentificationNumber>12345678A<',
      ['error ES-TAXID seller.taxId'],
    ],
    [
      'the schema version',
      '<SchemaVersion>3.2.2<',
      '<SchemaVersion>3.2.1<',
      ['error FACTURAE-VERSION /FileHeader/SchemaVersion'],
    ],
    [
      'the invoice count',
      '<InvoicesCount>1<',
      '<InvoicesCount>2<',
      ['error FACTURAE-BATCH /FileHeader/Batch/InvoicesCount'],
    ],
  ])('a changed %s is caught', (_what, from, to, expected) => {
    const doc = parseDocument(mutate(unsigned, from, to));
    expect(doc.valid).toBe(false);
    expect(rules(doc)).toEqual([...expected, UNSIGNED]);
  });

  it.each([
    ['3.2', 'http://www.facturae.es/Facturae/2009/v3.2/Facturae'],
    ['3.2.1', 'http://www.facturae.es/Facturae/2014/v3.2.1/Facturae'],
  ])('reads Facturae %s by its namespace', (version, namespace) => {
    const older = mutate(
      mutate(
        unsigned,
        'http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml',
        namespace,
      ),
      '<SchemaVersion>3.2.2<',
      `<SchemaVersion>${version}<`,
    );
    const doc = parseDocument(older);
    expect(doc).toMatchObject({ format: 'facturae', version, valid: false });
    expect(rules(doc)).toEqual([UNSIGNED]);
    expect(doc.invoice!.totals.total).toBe('409.34');
  });

  it('reads every invoice of a batch and checks the batch totals', () => {
    const start = unsigned.indexOf('<Invoice>');
    const end = unsigned.indexOf('</Invoices>');
    const second = mutate(
      unsigned.slice(start, end),
      '<InvoiceNumber>2026-0002<',
      '<InvoiceNumber>2026-0003<',
    );
    let batch = `${unsigned.slice(0, end)}${second}${unsigned.slice(end)}`;
    batch = mutate(batch, '<Modality>I<', '<Modality>L<');
    batch = mutate(batch, '<InvoicesCount>1<', '<InvoicesCount>2<');
    for (const name of ['TotalInvoicesAmount', 'TotalOutstandingAmount', 'TotalExecutableAmount']) {
      batch = mutate(batch, `<${name}><TotalAmount>409.34<`, `<${name}><TotalAmount>818.68<`);
    }
    const doc = parseDocument(batch);
    expect(rules(doc)).toEqual([UNSIGNED]);
    expect(doc.invoices!.map((i) => [i.number, i.totals.payable])).toEqual([
      ['2026-0002', '409.34'],
      ['2026-0003', '409.34'],
    ]);
    expect(doc.invoice).toEqual(doc.invoices![0]);

    const wrong = parseDocument(
      mutate(
        batch,
        '<TotalInvoicesAmount><TotalAmount>818.68<',
        '<TotalInvoicesAmount><TotalAmount>818.69<',
      ),
    );
    expect(rules(wrong)).toEqual([
      'error FACTURAE-BATCH /FileHeader/Batch/TotalInvoicesAmount/TotalAmount',
      UNSIGNED,
    ]);
    const second409 = parseDocument(
      mutate(
        batch,
        '</Invoice><Invoice><InvoiceHeader><InvoiceNumber>2026-0003<',
        '</Invoice><Invoice><InvoiceHeader><InvoiceNumber><',
      ),
    );
    expect(rules(second409)).toEqual(['error BR-02 invoices[1].number', UNSIGNED]);
  });
});

describe('XAdES signatures', () => {
  let identity: TestSigningIdentity;
  const sign = (xml: string, canonical = false) =>
    signFacturae(xml, {
      signer: identity.signer,
      keyId: identity.keyId,
      certificateDer: identity.certificateDer,
      algorithm: 'RSASSA_PKCS1_V1_5_SHA_512',
      signingTime: new Date(),
      ...(canonical ? { canonicalize: canonicalizeRoot } : {}),
    });

  beforeAll(async () => {
    identity = await testIdentity();
  });

  it('verifies our own signing path on every fixture, with the signer reported', async () => {
    for (const { name, invoice } of GOLDEN_INVOICES) {
      const doc = parseDocument(await sign(buildFacturae(invoice)));
      expect(doc.errors, name).toEqual([]);
      expect(doc.signature?.valid, name).toBe(true);
      expect(doc.signature?.signer?.subject).toBe(
        'serialNumber=IDCES-12345678Z, CN=Sello Test\\, Firma & Sello, O=Sello Demo, C=ES',
      );
    }
  });

  it('verifies a signed Facturae 3.2.1 (a document we did not build)', async () => {
    const older = mutate(
      mutate(
        golden('iva21-simple.xml'),
        'http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml',
        'http://www.facturae.es/Facturae/2014/v3.2.1/Facturae',
      ),
      '<SchemaVersion>3.2.2<',
      '<SchemaVersion>3.2.1<',
    );
    const doc = parseDocument(await sign(older, true));
    expect(doc).toMatchObject({ version: '3.2.1', valid: true, errors: [] });
  });

  it('refuses a signed document whose amount was changed', () => {
    const signed = golden('design-acceptance.xsig');
    const doc = parseDocument(mutate(signed, '<InvoiceTotal>409.34<', '<InvoiceTotal>409.35<'));
    expect(doc.valid).toBe(false);
    expect(doc.signature?.valid).toBe(false);
    expect(doc.signature?.signer).toEqual(GOLDEN_SIGNER);
    expect(rules(doc)).toContain('error SIGNATURE /ds:Signature');
    // A change that keeps the sums consistent is caught by the signature alone.
    const renamed = parseDocument(mutate(signed, 'Cartuchos de tóner', 'Cartuchos de tinta'));
    expect(renamed.valid).toBe(false);
    expect(rules(renamed)).toEqual([
      'warning SIGNATURE /ds:Signature',
      'error SIGNATURE /ds:Signature',
    ]);
    expect(renamed.signature?.errors?.join(' ')).toMatch(/digest/);
  });

  describe('signature wrapping', () => {
    const signed = golden('design-acceptance.xsig');
    const invoices = signed.slice(signed.indexOf('<Invoices>'), signed.indexOf('</Invoices>') + 11);
    const forged = invoices
      .replaceAll('409.34', '1.00')
      .replace('<TotalTaxOutputs>75.34', '<TotalTaxOutputs>-333.00');

    it('content slipped into ds:Object (outside the document digest) is never read', () => {
      const doc = parseDocument(
        mutate(
          signed,
          '<ds:Object Id="Signature-design-acceptance-Object">',
          `<ds:Object Id="Signature-design-acceptance-Object">${forged}`,
        ),
      );
      // The signature still verifies (ds:Object is not covered by the document reference)…
      expect(doc.signature?.valid).toBe(true);
      // …and what is read is the signed invoice, not the forged one.
      expect(doc.invoice!.totals.total).toBe('409.34');
      expect(doc.invoice!.totals.payable).toBe('409.34');
    });

    it('a forged root wrapping the signed document fails', () => {
      const root = signed.indexOf('<fe:Facturae');
      const original = signed.slice(root);
      const forgedRoot =
        `${signed.slice(0, root)}<fe:Facturae xmlns:fe="http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml">` +
        `${signed.slice(signed.indexOf('<FileHeader>'), signed.indexOf('<Invoices>'))}${forged}` +
        `<Extensions>${original.replace(/^<fe:Facturae[^>]*>/, '<fe:Facturae xmlns:fe="http://www.facturae.gob.es/formato/Versiones/Facturaev3_2_2.xml">')}</Extensions></fe:Facturae>`;
      const doc = parseDocument(forgedRoot);
      expect(doc.valid).toBe(false);
      expect(doc.signature?.valid).toBe(false);
      expect(doc.signature?.errors).toContain('ds:Signature is not a child of the root element');
    });

    it('a second signature fails', () => {
      const signature = signed.slice(
        signed.indexOf('<ds:Signature'),
        signed.indexOf('</fe:Facturae>'),
      );
      const doc = parseDocument(mutate(signed, '</fe:Facturae>', `${signature}</fe:Facturae>`));
      expect(doc.valid).toBe(false);
      expect(doc.signature?.errors).toEqual(['expected one ds:Signature, found 2']);
    });
  });
});
