import { describe, expect, it } from 'vitest';
import { checkEn16931, type En16931Facts } from './en16931.ts';
import type { ParsedInvoice } from './parsed.ts';

/** A consistent EN 16931 invoice: two S lines at 21 % and one E line. */
function invoice(): ParsedInvoice {
  return {
    kind: 'invoice',
    number: 'F-1',
    typeCode: '380',
    specification: 'urn:cen.eu:en16931:2017',
    issueDate: '2026-03-16',
    currency: 'EUR',
    seller: { taxId: 'ESB12345674', name: 'Sello Demo', countryCode: 'ES' },
    buyer: { taxId: 'FR40303265045', name: 'Éditions Lumière', countryCode: 'FR' },
    lines: [line('100.00', 'S', '21'), line('50.50', 'S', '21'), line('20.00', 'E', '0')],
    breakdown: [
      { type: 'IVA', category: 'S', rate: '21', base: '150.50', amount: '31.61' },
      {
        type: 'IVA',
        category: 'E',
        rate: '0',
        base: '20.00',
        amount: '0.00',
        exemptionCode: 'VATEX-EU-132',
      },
    ],
    allowanceCharges: [],
    totals: {
      lineNet: '170.50',
      net: '170.50',
      tax: '31.61',
      withheld: '0.00',
      total: '202.11',
      payable: '202.11',
    },
  };
}

function line(net: string, category: string, rate: string) {
  return {
    description: 'Item',
    quantity: '1',
    unitCode: 'C62',
    unitPrice: net,
    net,
    taxes: [{ type: 'IVA' as const, category, rate }],
  };
}

/** What a complete document with that invoice would say: nothing optional, nothing missing. */
function facts(inv: ParsedInvoice, syntax: 'ubl' | 'cii' = 'ubl'): En16931Facts {
  const party = { taxRegistration: true, vatId: true, legalId: false, id: false };
  return {
    syntax,
    seller: { ...party },
    buyer: { ...party },
    paymentMeans: [{ code: '58', creditTransfer: [{ accountId: 'ES9121000418450200051332' }] }],
    taxCurrencyTotal: false,
    supportingDocuments: [],
    precedingInvoices: [],
    allowanceCharges: [],
    documentCurrencyTaxTotals: 1,
    breakdownCategories: inv.breakdown.map((r) => r.category!),
    lines: inv.lines.map((l) => ({
      category: l.taxes[0]!.category,
      rate: l.taxes[0]!.rate,
      allowanceCharges: [],
      attributes: [],
      standardIds: [],
      classifications: [],
    })),
    codes: [],
    decimals: [],
  };
}

const rules = (inv: ParsedInvoice, f = facts(inv)) =>
  checkEn16931(inv, f).map((i) => `${i.rule} ${i.path}`);

describe('checkEn16931', () => {
  it('finds nothing wrong with a complete invoice', () => {
    expect(checkEn16931(invoice(), facts(invoice()))).toEqual([]);
  });

  it('BR-CO-17: the UBL binding excludes the ±1 bounds, the CII one includes them', () => {
    const inv = invoice();
    inv.breakdown[0]!.amount = '35.00';
    expect(rules(inv)).toEqual(['BR-CO-17 breakdown[0].amount', 'BR-S-09 breakdown[0].amount']);
    // 150.50 × 21 % = 31.605 → 31.61; 32.61 is exactly 1 away.
    inv.breakdown[0]!.amount = '32.61';
    expect(rules(inv)).toEqual(['BR-CO-17 breakdown[0].amount', 'BR-S-09 breakdown[0].amount']);
    expect(rules(inv, facts(inv, 'cii'))).toEqual(['BR-S-09 breakdown[0].amount']);
  });

  it('BR-49/50/61: payment instructions', () => {
    const inv = invoice();
    const f = facts(inv);
    f.paymentMeans = [
      { creditTransfer: [] },
      { code: '30', creditTransfer: [] },
      { code: '58', creditTransfer: [{ accountId: '' }] },
    ];
    expect(rules(inv, f)).toEqual([
      'BR-49 payment.means[0].code',
      'BR-61 payment.means[1].account',
      'BR-50 payment.means[2].account[0]',
    ]);
    // CII asks only that an account given carries an id.
    expect(rules(inv, { ...f, syntax: 'cii' })).toEqual([
      'BR-49 payment.means[0].code',
      'BR-50 payment.means[2].account[0]',
    ]);
  });

  it('optional groups must be complete: payee, tax representative, periods, references', () => {
    const inv = invoice();
    const f = facts(inv);
    f.payee = { name: 'Sello Demo', sameAsSeller: true };
    f.taxRepresentative = { vatId: false, address: true };
    f.invoicePeriod = { start: '2026-03-31', end: '2026-03-01' };
    f.lines[0]!.period = {};
    f.supportingDocuments = [' '];
    f.precedingInvoices = [undefined];
    f.deliverTo = { address: true };
    f.taxCurrency = 'USD';
    expect(rules(inv, f)).toEqual([
      'BR-17 payee.name',
      'BR-18 taxRepresentative.name',
      'BR-20 taxRepresentative.address.countryCode',
      'BR-56 taxRepresentative.vatId',
      'BR-29 invoicePeriod',
      'BR-CO-20 lines[0].period',
      'BR-52 supportingDocuments[0].id',
      'BR-55 preceding[0].number',
      'BR-53 totals.taxInTaxCurrency',
      'BR-57 delivery.address.countryCode',
    ]);
  });

  it('allowances and charges need an amount, a VAT category and a reason', () => {
    const inv = invoice();
    const f = facts(inv);
    f.allowanceCharges = [
      { charge: false },
      { charge: true, amount: '1', category: 'S', rate: '21' },
    ];
    f.lines[1]!.allowanceCharges = [{ charge: true, reasonCode: 'FC' }];
    inv.breakdown[0]!.base = '149.50';
    inv.breakdown[0]!.amount = '31.40';
    expect(rules(inv, f)).toEqual([
      'BR-31 allowanceCharges[0].amount',
      'BR-32 allowanceCharges[0].tax.category',
      'BR-33 allowanceCharges[0].reason',
      'BR-CO-21 allowanceCharges[0].reason',
      'BR-38 allowanceCharges[1].reason',
      'BR-CO-22 allowanceCharges[1].reason',
      'BR-43 lines[1].allowanceCharges[0].amount',
    ]);
  });

  it('per VAT category: rows, identifiers, rates, amounts and exemption reasons', () => {
    const inv = invoice();
    const f = facts(inv);
    f.lines[0]!.rate = '0';
    inv.breakdown[1]!.amount = '1.00';
    delete inv.breakdown[1]!.exemptionCode;
    f.breakdownCategories.push('E');
    expect(rules(inv, f)).toEqual([
      // A 0 % row must have no tax (BR-CO-17) and an exempt row none either (BR-E-09).
      'BR-CO-17 breakdown[1].amount',
      'BR-S-05 lines[0].taxes',
      'BR-E-01 breakdown',
      'BR-E-09 breakdown[1].amount',
      'BR-E-10 breakdown[1].exemptionReason',
    ]);
    // An intra-community supply needs both VAT ids, a date and where the goods went.
    const ic = invoice();
    ic.lines = [line('20.00', 'K', '0')];
    ic.breakdown = [
      { type: 'IVA', category: 'K', rate: '0', base: '20.00', amount: '0', exemptionCode: 'X' },
    ];
    const icFacts = facts(ic);
    icFacts.buyer.vatId = false;
    expect(rules(ic, icFacts)).toEqual([
      'BR-IC-02 lines',
      'BR-IC-11 deliveryDate',
      'BR-IC-12 delivery.address.countryCode',
    ]);
  });

  it('BR-B-01/02: split payment is Italian and excludes the standard rate', () => {
    const inv = invoice();
    const f = facts(inv);
    f.lines[2]!.category = 'B';
    f.codes = [{ list: 'BR-CL-14', value: 'ES', path: '/Invoice/Country' }];
    expect(rules(inv, f).filter((r) => r.startsWith('BR-B'))).toEqual([
      'BR-B-01 breakdown',
      'BR-B-02 breakdown',
    ]);
  });

  it('BR-O-11…14: not subject to VAT excludes every other category', () => {
    const inv = invoice();
    inv.breakdown[1] = {
      type: 'VAT',
      category: 'O',
      rate: '',
      base: '20.00',
      amount: '0',
      exemptionReason: 'Not subject',
    };
    inv.lines[2]!.taxes = [{ type: 'VAT', category: 'O', rate: '' }];
    const f = facts(inv);
    f.lines[2]!.rate = undefined;
    f.seller = { ...f.seller, vatId: false, legalId: true };
    f.buyer.vatId = false;
    expect(rules(inv, f)).toEqual(['BR-O-11 breakdown', 'BR-O-12 lines']);
  });

  it('code lists per syntax, two decimals (BR-DEC), and BR-CO-15: one tax total in the invoice currency', () => {
    const inv = invoice();
    const f = facts(inv);
    f.codes = [
      { list: 'BR-CL-14', value: 'UK', path: '/Invoice/Country' },
      { list: 'BR-CL-14', value: 'AN', path: '/Invoice/Country' },
      { list: 'BR-CL-01 credit note', value: '380', path: '/CreditNote/CreditNoteTypeCode' },
      { list: 'BR-CL-24', value: 'application/zip', path: '/Invoice/Attachment' },
    ];
    f.documentCurrencyTaxTotals = 2;
    f.decimals = [
      { rule: 'BR-DEC-09', value: '170.500', path: '/LegalMonetaryTotal/LineExtensionAmount' },
      { rule: 'BR-DEC-23', value: '1.5', path: '/InvoiceLine[1]/LineExtensionAmount' },
    ];
    expect(rules(inv, f)).toEqual([
      'BR-DEC-09 /LegalMonetaryTotal/LineExtensionAmount',
      'BR-CO-15 totals.tax',
      'BR-CL-14 /Invoice/Country',
      'BR-CL-14 /Invoice/Country',
      'BR-CL-01 /CreditNote/CreditNoteTypeCode',
      'BR-CL-24 /Invoice/Attachment',
    ]);
    // "AN" is in the CII binding's country list only.
    const cii = {
      ...f,
      syntax: 'cii' as const,
      codes: f.codes.slice(1, 2),
      documentCurrencyTaxTotals: 1,
      decimals: [],
    };
    expect(rules(inv, cii)).toEqual([]);
  });
});
