import type { ParsedInvoice } from '@sello/core/documents';
import { Dec } from '@sello/core/money';
import { parseDocument } from '@sello/formats/parse';
import { describe, expect, it } from 'vitest';
import { mutate, sample } from './support.ts';

/**
 * Every vendored public sample parses, passes our in-process checks (they all pass the official
 * EN 16931 schematron, so any error here would be a false alarm) and yields the figures the
 * document states, exactly as written.
 */
const SAMPLES: [string, Record<string, unknown>][] = [
  [
    'ubl/peppol-base-example.xml',
    {
      kind: 'invoice',
      number: 'Snippet1',
      issueDate: '2017-11-13',
      currency: 'EUR',
      lines: 2,
      seller: 'GB1232434',
      buyer: 'SE4598375937',
      breakdown: [['S', '25.0', '1325', '331.25']],
      totals: {
        lineNet: '1300',
        net: '1325',
        tax: '331.25',
        withheld: '0.00',
        total: '1656.25',
        payable: '1656.25',
        charges: '25',
      },
    },
  ],
  [
    'ubl/peppol-base-creditnote-correction.xml',
    {
      kind: 'creditNote',
      number: 'Snippet1',
      issueDate: '2017-11-13',
      currency: 'EUR',
      lines: 2,
      seller: 'GB1232434',
      buyer: 'SE4598375937',
      breakdown: [['S', '25.0', '1325', '331.25']],
      totals: {
        lineNet: '1300',
        net: '1325',
        tax: '331.25',
        withheld: '0.00',
        total: '1656.25',
        payable: '1656.25',
        charges: '25',
      },
    },
  ],
  [
    'ubl/peppol-base-negative-inv-correction.xml',
    {
      kind: 'invoice',
      number: 'Correction1',
      issueDate: '2017-11-13',
      currency: 'EUR',
      lines: 2,
      seller: 'GB1232434',
      buyer: 'SE4598375937',
      breakdown: [['S', '25.0', '-1325', '-331.25']],
      totals: {
        lineNet: '-1300',
        net: '-1325',
        tax: '-331.25',
        withheld: '0.00',
        total: '-1656.25',
        payable: '-1656.25',
        charges: '-25',
      },
    },
  ],
  [
    'ubl/peppol-Allowance-example.xml',
    {
      kind: 'invoice',
      number: 'Snippet1',
      issueDate: '2017-11-13',
      currency: 'EUR',
      lines: 3,
      seller: 'GB1232434',
      buyer: 'SE4598375937',
      breakdown: [
        ['S', '25', '4900.0', '1225'],
        ['E', '0', '1000.0', '0'],
      ],
      totals: {
        lineNet: '5900',
        net: '5900',
        tax: '1225.00',
        withheld: '0.00',
        total: '7125',
        payable: '6125.00',
        allowances: '200',
        charges: '200',
        prepaid: '1000',
      },
    },
  ],
  [
    'ubl/peppol-vat-category-E.xml',
    {
      kind: 'invoice',
      number: 'Vat-Z',
      issueDate: '2018-08-30',
      currency: 'GBP',
      lines: 1,
      seller: 'GB928741974',
      buyer: '',
      breakdown: [['E', '0', '1200.00', '0.00']],
      totals: {
        lineNet: '1200.00',
        net: '1200.00',
        tax: '0.00',
        withheld: '0.00',
        total: '1200.00',
        payable: '1200.00',
      },
    },
  ],
  [
    'ubl/peppol-vat-category-O.xml',
    {
      kind: 'invoice',
      number: 'Vat-O',
      issueDate: '2018-08-30',
      currency: 'SEK',
      lines: 1,
      seller: '7300010000001',
      buyer: '',
      breakdown: [['O', '', '3200.00', '0.00']],
      totals: {
        lineNet: '3200.00',
        net: '3200.00',
        tax: '0.00',
        withheld: '0.00',
        total: '3200.00',
        payable: '3200.00',
      },
    },
  ],
  [
    'ubl/peppol-vat-category-Z.xml',
    {
      kind: 'invoice',
      number: 'Vat-Z',
      issueDate: '2018-08-30',
      currency: 'GBP',
      lines: 1,
      seller: 'GB928741974',
      buyer: '',
      breakdown: [['Z', '0', '1200.00', '0.00']],
      totals: {
        lineNet: '1200.00',
        net: '1200.00',
        tax: '0.00',
        withheld: '0.00',
        total: '1200.00',
        payable: '1200.00',
      },
    },
  ],
  [
    'ubl/en16931-ubl-tc434-example2.xml',
    {
      kind: 'invoice',
      number: 'TOSL108',
      issueDate: '2013-06-30',
      currency: 'NOK',
      lines: 5,
      seller: 'NO123456789MVA',
      buyer: 'NO987654321MVA',
      breakdown: [
        ['S', '25', '1460.50', '365.13'],
        ['S', '15', '1.00', '0.15'],
        ['E', '0', '-25.00', '0.00'],
      ],
      totals: {
        lineNet: '1436.50',
        net: '1436.50',
        tax: '365.28',
        withheld: '0.00',
        total: '1801.78',
        payable: '801.78',
        allowances: '100.00',
        charges: '100.00',
        prepaid: '1000.00',
      },
    },
  ],
  [
    'ubl/en16931-ubl-tc434-example9.xml',
    {
      kind: 'invoice',
      number: '20150483',
      issueDate: '2015-04-01',
      currency: 'EUR',
      lines: 1,
      seller: 'NL809163160B01',
      buyer: '',
      breakdown: [['S', '21', '147.00', '30.87']],
      totals: {
        lineNet: '147.00',
        net: '147.00',
        tax: '30.87',
        withheld: '0.00',
        total: '177.87',
        payable: '177.87',
      },
    },
  ],
  [
    'ubl/en16931-ubl-tc434-creditnote1.xml',
    {
      kind: 'creditNote',
      number: '018304 / 28865',
      issueDate: '2019-09-23',
      currency: 'EUR',
      lines: 1,
      seller: 'BE0000000196',
      buyer: 'BE0000000295',
      breakdown: [['E', '0.00', '100.11', '0.00']],
      totals: {
        lineNet: '100.11',
        net: '100.11',
        tax: '0.00',
        withheld: '0.00',
        total: '100.11',
        payable: '100.11',
      },
    },
  ],
  [
    'cii/en16931-CII_example2.xml',
    {
      kind: 'invoice',
      number: 'TOSL108',
      issueDate: '2013-06-30',
      currency: 'NOK',
      lines: 5,
      seller: 'NO123456789MVA',
      buyer: 'NO987654321MVA',
      breakdown: [
        ['S', '25', '1460.5', '365.13'],
        ['S', '15', '1', '0.15'],
        ['E', '0', '-25', '0'],
      ],
      totals: {
        lineNet: '1436.5',
        net: '1436.5',
        tax: '365.28',
        withheld: '0.00',
        total: '1801.78',
        payable: '801.78',
        allowances: '100',
        charges: '100',
        prepaid: '1000',
      },
    },
  ],
  [
    'cii/en16931-CII_example9.xml',
    {
      kind: 'invoice',
      number: '20150483',
      issueDate: '2015-04-01',
      currency: 'EUR',
      lines: 1,
      seller: 'NL809163160B01',
      buyer: '',
      breakdown: [['S', '21', '147', '30.87']],
      totals: {
        lineNet: '147',
        net: '147',
        tax: '30.87',
        withheld: '0.00',
        total: '177.87',
        payable: '177.87',
      },
    },
  ],
  [
    'cii/en16931-XRechnung-O.xml',
    {
      kind: 'invoice',
      number: '150377292',
      issueDate: '2021-01-14',
      currency: 'EUR',
      lines: 2,
      seller: 'XX',
      buyer: '',
      breakdown: [['O', '0.0000', '385544.60', '0.00']],
      totals: {
        lineNet: '336300.95',
        net: '385544.60',
        // No TaxTotalAmount in the document (BT-110 is optional): no tax.
        tax: '0.00',
        withheld: '0.00',
        total: '385544.60',
        payable: '385544.60',
        charges: '49243.65',
      },
    },
  ],
];

const summary = (i: ParsedInvoice) => ({
  kind: i.kind,
  number: i.number,
  issueDate: i.issueDate,
  currency: i.currency,
  lines: i.lines.length,
  seller: i.seller.taxId,
  buyer: i.buyer.taxId,
  breakdown: i.breakdown.map((b) => [b.category, b.rate, b.base, b.amount]),
  totals: i.totals,
});

const rulesOf = (xml: string) => parseDocument(xml).errors.map((e) => `${e.rule} ${e.path}`);

describe('public UBL and CII samples', () => {
  it.each(SAMPLES)('%s parses, is valid and states its own totals', (file, expected) => {
    const doc = parseDocument(sample(file));
    expect(doc.format).toBe(file.startsWith('ubl/') ? 'ubl' : 'cii');
    expect(doc.version).toBe(file.startsWith('ubl/') ? '2.1' : 'D16B');
    expect(doc.errors).toEqual([]);
    expect(doc.valid).toBe(true);
    expect(doc.signature).toBeUndefined();
    expect(summary(doc.invoice!)).toEqual(expected);
  });

  it.each([
    ['en16931-ubl-tc434-example2.xml', 'en16931-CII_example2.xml'],
    ['en16931-ubl-tc434-example9.xml', 'en16931-CII_example9.xml'],
  ])('UBL %s and CII %s read as the same invoice', (ubl, cii) => {
    const a = parseDocument(sample(`ubl/${ubl}`)).invoice!;
    const b = parseDocument(sample(`cii/${cii}`)).invoice!;
    // Amounts compare as numbers: "1436.50" and "1436.5" are the same figure written two ways.
    const numbers = (i: ParsedInvoice) => ({
      totals: Object.fromEntries(
        Object.entries(i.totals).map(([k, v]) => [k, v ? new Dec(v).toFixed() : v]),
      ),
      lines: i.lines.map((l) => [l.id, l.description, new Dec(l.net).toFixed()]),
      breakdown: i.breakdown.map((r) => [
        r.category,
        new Dec(r.rate).toFixed(),
        new Dec(r.base!).toFixed(),
        new Dec(r.amount!).toFixed(),
      ]),
      allowanceCharges: i.allowanceCharges?.map((ac) => [ac.charge, new Dec(ac.amount).toFixed()]),
    });
    expect(numbers(b)).toEqual(numbers(a));
    // The pairs differ where their authors typed differently (line 1's quantity in example 2,
    // the due date in example 9), so those stay out of the comparison.
    for (const key of ['kind', 'number', 'issueDate', 'currency'] as const) {
      expect(b[key], key).toEqual(a[key]);
    }
    expect(b.seller.taxId).toBe(a.seller.taxId);
    expect(b.seller.name).toBe(a.seller.name);
  });

  it('reads the parties, lines, allowances and payment of the Peppol allowance example', () => {
    const invoice = parseDocument(sample('ubl/peppol-Allowance-example.xml')).invoice!;
    expect(invoice.seller).toEqual({
      taxId: 'GB1232434',
      name: 'SupplierOfficialName Ltd',
      countryCode: 'GB',
      address: {
        street: 'Main street 1',
        city: 'London',
        postalCode: 'GB 123 EW',
        countryCode: 'GB',
      },
      endpoint: { id: '7300010000001', scheme: '0088' },
    });
    expect(invoice.buyer.email).toBe('lj@buyer.se');
    expect(invoice.lines[1]).toEqual({
      id: '2',
      description: 'item name',
      quantity: '10',
      unitCode: 'C62',
      unitPrice: '200',
      baseQuantity: '2',
      net: '1000.00',
      taxes: [{ type: 'VAT', rate: '0.0', category: 'E' }],
    });
    expect(invoice.allowanceCharges).toEqual([
      { charge: true, amount: '200', reason: 'Cleaning', tax: { category: 'S', rate: '25' } },
      { charge: false, amount: '200', reason: 'Discount', tax: { category: 'S', rate: '25' } },
    ]);
    expect(invoice.payment).toEqual({ means: '30', iban: 'IBAN32423940' });
    expect(invoice.dueDate).toBe('2017-12-01');
    expect(invoice.specification).toBe(
      'urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0',
    );
  });

  it('reads the credit note reference and CII dates', () => {
    const credit = parseDocument(sample('ubl/peppol-base-creditnote-correction.xml')).invoice!;
    expect(credit.preceding).toEqual({ number: 'Snippet1' });
    const cii = parseDocument(sample('cii/en16931-CII_example2.xml')).invoice!;
    expect([cii.issueDate, cii.dueDate]).toEqual(['2013-06-30', '2013-07-20']);
  });
});

describe('a sample with one figure changed is caught, with the EN 16931 rule it breaks', () => {
  const base = new TextDecoder().decode(sample('ubl/peppol-base-example.xml'));
  const cii = new TextDecoder().decode(sample('cii/en16931-CII_example2.xml'));

  it.each([
    [
      'the amount due',
      base,
      '<cbc:PayableAmount currencyID="EUR">1656.25<',
      '<cbc:PayableAmount currencyID="EUR">1656.26<',
      ['BR-CO-16 totals.payable'],
    ],
    [
      'the total with VAT',
      base,
      '>1656.25</cbc:TaxInclusiveAmount>',
      '>1656.35</cbc:TaxInclusiveAmount>',
      ['BR-CO-15 totals.total', 'BR-CO-16 totals.payable'],
    ],
    [
      'a line net amount',
      base,
      '>2800</cbc:LineExtensionAmount>',
      '>2801</cbc:LineExtensionAmount>',
      ['BR-CO-10 totals.lineNet', 'BR-S-08 breakdown[0].base'],
    ],
    [
      'a document-level charge',
      base,
      '<cbc:Amount currencyID="EUR">25<',
      '<cbc:Amount currencyID="EUR">26<',
      ['BR-CO-12 totals.charges', 'BR-S-08 breakdown[0].base'],
    ],
    [
      'the VAT total',
      base,
      '<cbc:TaxAmount currencyID="EUR">331.25</cbc:TaxAmount>\n        <cac:TaxSubtotal>',
      '<cbc:TaxAmount currencyID="EUR">331.35</cbc:TaxAmount>\n        <cac:TaxSubtotal>',
      ['BR-CO-14 totals.tax', 'BR-CO-15 totals.total'],
    ],
    [
      'the issue date',
      base,
      '<cbc:IssueDate>2017-11-13',
      '<cbc:IssueDate>2017-11-31',
      ['DATE issueDate'],
    ],
    [
      'the CII grand total',
      cii,
      '<ram:GrandTotalAmount>1801.78<',
      '<ram:GrandTotalAmount>1801.87<',
      ['BR-CO-15 totals.total', 'BR-CO-16 totals.payable'],
    ],
    [
      'a CII VAT breakdown amount',
      cii,
      '<ram:CalculatedAmount>365.13<',
      '<ram:CalculatedAmount>375.13<',
      // The official CII schematron reports BR-S-09 too (the standard-rate row's own ±1 rule).
      ['BR-CO-17 breakdown[0].amount', 'BR-S-09 breakdown[0].amount', 'BR-CO-14 totals.tax'],
    ],
  ])('%s', (_what, xml, from, to, rules) => {
    const doc = parseDocument(mutate(xml, from, to));
    expect(doc.valid).toBe(false);
    expect(doc.errors.map((e) => `${e.rule} ${e.path}`)).toEqual(rules);
  });

  it('a Spanish VAT id with a wrong control character', () => {
    const spanish = mutate(base, '<cbc:CompanyID>GB1232434<', '<cbc:CompanyID>ESB12345675<');
    expect(parseDocument(spanish).errors).toEqual([
      {
        severity: 'error',
        rule: 'ES-TAXID',
        path: 'seller.taxId',
        message:
          'CIF B12345675 has control character 5; expected 4 (entities of type B use a control digit)',
      },
    ]);
  });

  it('a missing invoice number and line', () => {
    const noNumber = mutate(base, '<cbc:ID>Snippet1</cbc:ID>', '');
    expect(rulesOf(noNumber)).toEqual(['BR-02 number']);
  });
});
