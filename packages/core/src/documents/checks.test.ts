import { describe, expect, it } from 'vitest';
import { checkParsedInvoice, isCalendarDate } from './checks.ts';
import type { ParsedInvoice } from './parsed.ts';

/** A consistent EN 16931 invoice: two S lines at 21 %, one E line, a charge and an allowance. */
function en(): ParsedInvoice {
  return {
    kind: 'invoice',
    number: 'F-1',
    typeCode: '380',
    specification: 'urn:cen.eu:en16931:2017',
    issueDate: '2026-03-16',
    currency: 'EUR',
    seller: {
      taxId: 'ESB12345674',
      name: 'Sello Demo Servicios S.L.',
      countryCode: 'ES',
      address: { city: 'Madrid', countryCode: 'ES' },
    },
    buyer: {
      taxId: 'FR40303265045',
      name: 'Éditions Lumière',
      countryCode: 'FR',
      address: { city: 'Paris', countryCode: 'FR' },
    },
    lines: [
      line('1', '100.00', 'S', '21'),
      line('2', '50.50', 'S', '21'),
      line('3', '20.00', 'E', '0'),
    ],
    breakdown: [
      { type: 'IVA', category: 'S', rate: '21', base: '160.50', amount: '33.71' },
      { type: 'IVA', category: 'E', rate: '0', base: '20.00', amount: '0.00' },
    ],
    allowanceCharges: [
      { charge: true, amount: '15.00', tax: { category: 'S', rate: '21' } },
      { charge: false, amount: '5.00', tax: { category: 'S', rate: '21' } },
    ],
    totals: {
      lineNet: '170.50',
      net: '180.50',
      tax: '33.71',
      withheld: '0.00',
      total: '214.21',
      payable: '214.21',
      allowances: '5.00',
      charges: '15.00',
    },
  };
}

function line(id: string, net: string, category: string, rate: string) {
  return {
    id,
    description: `Item ${id}`,
    quantity: '1',
    unitCode: 'C62',
    unitPrice: net,
    net,
    taxes: [{ type: 'IVA' as const, category, rate }],
  };
}

/** A Facturae-shaped invoice with IVA, RE and IRPF (rows carry no category). */
function facturae(): ParsedInvoice {
  return {
    kind: 'invoice',
    number: '2026-0002',
    series: 'A',
    issueDate: '2026-03-16',
    currency: 'EUR',
    seller: { taxId: 'B12345674', name: 'Sello Demo', countryCode: 'ES' },
    buyer: { taxId: 'A58818501', name: 'Mediterráneo', countryCode: 'ES' },
    lines: [
      {
        description: 'Consultoría',
        quantity: '2',
        unitPrice: '150.00',
        net: '300.00',
        taxes: [
          { type: 'IVA', rate: '21.00', base: '300.00', amount: '63.00' },
          { type: 'RE', rate: '5.20', base: '300.00', amount: '15.60' },
          { type: 'IRPF', rate: '15.00', base: '300.00', amount: '45.00', withheld: true },
        ],
      },
    ],
    breakdown: [
      { type: 'IVA', rate: '21.00', base: '300.00', amount: '63.00' },
      { type: 'RE', rate: '5.20', base: '300.00', amount: '15.60' },
      { type: 'IRPF', rate: '15.00', base: '300.00', amount: '45.00', withheld: true },
    ],
    allowanceCharges: [],
    totals: {
      lineNet: '300.00',
      net: '300.00',
      tax: '78.60',
      withheld: '45.00',
      total: '333.60',
      payable: '333.60',
      allowances: '0.00',
      charges: '0.00',
    },
  };
}

const rules = (invoice: ParsedInvoice, set: 'en16931' | 'facturae' = 'en16931') =>
  checkParsedInvoice(invoice, set).map((i) => `${i.rule} ${i.path}`);

describe('checkParsedInvoice', () => {
  it('finds nothing wrong with consistent invoices', () => {
    expect(checkParsedInvoice(en(), 'en16931')).toEqual([]);
    expect(checkParsedInvoice(facturae(), 'facturae')).toEqual([]);
  });

  it('BR-CO-10: the line nets must add up to the stated sum', () => {
    const inv = en();
    inv.totals.lineNet = '170.49';
    expect(checkParsedInvoice(inv, 'en16931')).toEqual([
      {
        severity: 'error',
        rule: 'BR-CO-10',
        path: 'totals.lineNet',
        message: 'Sum of line net amounts: expected 170.50, the document says 170.49',
      },
      // BT-109 is checked against the stated BT-106, as the official rule does.
      expect.objectContaining({ rule: 'BR-CO-13' }),
    ]);
  });

  it('BR-CO-11/12/13: allowances, charges and the total without tax', () => {
    const inv = en();
    inv.totals.allowances = '6.00';
    inv.totals.charges = '14.00';
    expect(rules(inv)).toEqual([
      'BR-CO-11 totals.allowances',
      'BR-CO-12 totals.charges',
      'BR-CO-13 totals.net',
    ]);
    const missing = en();
    delete missing.totals.charges;
    expect(rules(missing)).toEqual(['BR-CO-12 totals.charges', 'BR-CO-13 totals.net']);
  });

  it('BR-CO-14/15/16: tax, total and amount due', () => {
    const inv = en();
    inv.totals.tax = '33.72';
    expect(rules(inv)).toEqual(['BR-CO-14 totals.tax', 'BR-CO-15 totals.total']);
    const due = en();
    due.totals.payable = '214.20';
    expect(rules(due)).toEqual(['BR-CO-16 totals.payable']);
    const paid = en();
    paid.totals.prepaid = '14.21';
    paid.totals.payable = '200.00';
    paid.totals.rounding = '0.00';
    expect(rules(paid)).toEqual([]);
  });

  it('BR-S-08/BR-E-08: each breakdown row against its lines (BR-CO-17 is checkEn16931’s)', () => {
    const bases = en();
    bases.breakdown[1]!.base = '20.01';
    expect(rules(bases)).toEqual(['BR-E-08 breakdown[1].base']);
    // The standard-rate rule allows the official ±1 (rounding per line), and no more.
    const near = en();
    near.breakdown[0]!.base = '161.49';
    expect(rules(near)).toEqual([]);
    near.breakdown[0]!.base = '161.50';
    expect(rules(near)).toEqual(['BR-S-08 breakdown[0].base']);
  });

  it('reports missing business terms with their BR ids', () => {
    const inv = en();
    inv.number = '';
    inv.issueDate = '';
    inv.currency = '';
    inv.seller.name = '';
    delete inv.buyer.address;
    inv.lines[0]!.description = '';
    inv.lines[1]!.unitPrice = '-1';
    expect(rules(inv)).toEqual([
      'BR-02 number',
      'BR-03 issueDate',
      'BR-05 currency',
      'BR-06 seller.name',
      'BR-10 buyer.address',
      'BR-11 buyer.address.countryCode',
      'BR-25 lines[0].description',
      'BR-27 lines[1].unitPrice',
    ]);
    const empty = en();
    empty.lines = [];
    expect(rules(empty)).toContain('BR-16 lines');
  });

  it('flags malformed amounts, impossible dates and unknown currencies without doing sums on them', () => {
    const inv = en();
    inv.totals.net = '180,50';
    inv.issueDate = '2026-02-30';
    inv.dueDate = '16/03/2026';
    inv.currency = 'EUX';
    expect(rules(inv)).toEqual([
      'AMOUNT totals.net',
      'DATE issueDate',
      'DATE dueDate',
      'BR-CL-04 currency',
    ]);
  });

  it("checks Spanish tax ids' control characters", () => {
    const inv = en();
    inv.seller.taxId = 'ESB12345675';
    inv.buyer = { ...inv.buyer, taxId: '12345678A', countryCode: 'ES' };
    expect(checkParsedInvoice(inv, 'en16931')).toEqual([
      {
        severity: 'error',
        rule: 'ES-TAXID',
        path: 'seller.taxId',
        message:
          'CIF B12345675 has control character 5; expected 4 (entities of type B use a control digit)',
      },
      {
        severity: 'error',
        rule: 'ES-TAXID',
        path: 'buyer.taxId',
        message: 'NIF 12345678A has control letter A; expected Z',
      },
    ]);
  });

  it('Facturae: withholding, the total net of it, and per-tax bases against the lines', () => {
    const inv = facturae();
    inv.totals.withheld = '44.00';
    expect(rules(inv, 'facturae')).toEqual(['WITHHELD totals.withheld', 'BR-CO-15 totals.total']);
    const total = facturae();
    total.totals.total = '378.60';
    expect(rules(total, 'facturae')).toEqual(['BR-CO-15 totals.total']);
    const base = facturae();
    base.breakdown[1]!.base = '299.00';
    expect(rules(base, 'facturae')).toEqual(['FACTURAE-TAX-BASE breakdown']);
    const id = facturae();
    id.buyer.taxId = '';
    expect(rules(id, 'facturae')).toEqual(['FACTURAE-REQUIRED buyer.taxId']);
  });

  it('Facturae: IRPF and recargo stated only at invoice level are complete (lines may omit them)', () => {
    const withoutLineTaxes = (keep: (t: ParsedInvoice['breakdown'][number]) => boolean) => {
      const inv = facturae();
      inv.lines[0]!.taxes = inv.lines[0]!.taxes.filter(keep);
      return inv;
    };
    // IRPF only in the invoice's TaxesWithheld.
    expect(
      rules(
        withoutLineTaxes((t) => !t.withheld),
        'facturae',
      ),
    ).toEqual([]);
    // The recargo only on the invoice's IVA row.
    expect(
      rules(
        withoutLineTaxes((t) => t.type !== 'RE'),
        'facturae',
      ),
    ).toEqual([]);
    // A 0 % recargo on the invoice's row, none on the lines.
    const zeroRe = facturae();
    zeroRe.lines[0]!.taxes = zeroRe.lines[0]!.taxes.filter((t) => t.type !== 'RE');
    zeroRe.breakdown[1] = { type: 'RE', rate: '0.00', base: '300.00', amount: '0.00' };
    zeroRe.totals = { ...zeroRe.totals, tax: '63.00', total: '318.00', payable: '318.00' };
    expect(rules(zeroRe, 'facturae')).toEqual([]);
    // A 0 % recargo on a line, none on the invoice.
    const zeroReLine = facturae();
    zeroReLine.lines[0]!.taxes[1] = { type: 'RE', rate: '0', base: '300.00', amount: '0.00' };
    zeroReLine.breakdown.splice(1, 1);
    zeroReLine.totals = { ...zeroReLine.totals, tax: '63.00', total: '318.00', payable: '318.00' };
    expect(rules(zeroReLine, 'facturae')).toEqual([]);
  });

  it('Facturae: IRPF or recargo on the lines must still add up to the invoice rows', () => {
    const irpf = facturae();
    irpf.lines[0]!.taxes[2]!.base = '200.00';
    expect(checkParsedInvoice(irpf, 'facturae')).toEqual([
      {
        severity: 'error',
        rule: 'FACTURAE-TAX-BASE',
        path: 'breakdown',
        message:
          "IRPF at 15 % (withheld): the lines' taxable bases add up to 200.00, the invoice's rows to 300.00",
      },
    ]);
    // IRPF on the lines but not on the invoice: the invoice withholds less than its lines say.
    const missing = facturae();
    missing.breakdown.splice(2, 1);
    missing.totals = { ...missing.totals, withheld: '0.00', total: '378.60', payable: '378.60' };
    expect(rules(missing, 'facturae')).toEqual(['FACTURAE-TAX-BASE breakdown']);
    // A recargo on the lines only.
    const re = facturae();
    re.breakdown.splice(1, 1);
    re.totals = { ...re.totals, tax: '63.00', total: '318.00', payable: '318.00' };
    expect(rules(re, 'facturae')).toEqual(['FACTURAE-TAX-BASE breakdown']);
    // IVA is required on every line, so an IVA row the lines do not state is still reported.
    const iva = facturae();
    iva.lines[0]!.taxes = iva.lines[0]!.taxes.filter((t) => t.type !== 'IVA');
    expect(rules(iva, 'facturae')).toEqual(['FACTURAE-TAX-BASE breakdown']);
  });

  it('Facturae: BR-CO-17, each tax row against its base and rate', () => {
    const inv = facturae();
    inv.breakdown[0]!.amount = '65.00';
    inv.totals.tax = '80.60';
    inv.totals.total = '335.60';
    inv.totals.payable = '335.60';
    expect(rules(inv, 'facturae')).toEqual(['BR-CO-17 breakdown[0].amount']);
  });

  it('prefixes paths for the invoices of a batch', () => {
    const inv = facturae();
    inv.totals.total = '1';
    expect(checkParsedInvoice(inv, 'facturae', 'invoices[1].')[0]?.path).toBe(
      'invoices[1].totals.total',
    );
  });
});

describe('isCalendarDate', () => {
  it('accepts real days only', () => {
    expect(['2024-02-29', '2026-12-31'].map(isCalendarDate)).toEqual([true, true]);
    expect(['2026-02-29', '2026-13-01', '2026-1-01', '20260316'].map(isCalendarDate)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });
});
