import { describe, expect, it } from 'vitest';
import { computeInvoice } from './compute.ts';
import type { LineInput, LineTax } from './model.ts';

const MX = { jurisdiction: 'MX', currency: 'MXN' } as const;
const line = (
  quantity: string,
  unitPrice: string,
  taxes: LineTax[],
  extra: Partial<LineInput> = {},
): LineInput => ({ description: 'x', quantity, unitPrice, taxes, ...extra });
const iva = (rate: string, extra: Partial<LineTax> = {}): LineTax => ({
  type: 'IVA',
  rate,
  ...extra,
});

const errorsOf = (lines: LineInput[], options = {}) => {
  try {
    computeInvoice(lines, options);
  } catch (e) {
    return (e as { errors: { path: string; message: string }[] }).errors;
  }
  throw new Error('expected a ValidationError');
};

describe('computeInvoice for a Mexican issuer (CFDI 4.0 rules)', () => {
  it('charges IVA 16 and 8 (border region), each its own row', () => {
    const c = computeInvoice(
      [line('2', '100', [iva('16')]), line('1', '50', [iva('8')], { taxObject: '02' })],
      MX,
    );
    expect(c.breakdown).toEqual([
      { type: 'IVA', rate: '16', base: '200.00', amount: '32.00', withheld: false },
      { type: 'IVA', rate: '8', base: '50.00', amount: '4.00', withheld: false },
    ]);
    expect(c.totals).toEqual({ net: '250.00', tax: '36.00', withheld: '0.00', total: '286.00' });
    expect(c.lines[0]!.taxObject).toBe('02');
  });

  it('keeps IVA 0 and exempt IVA apart: exempt has a base and no amount', () => {
    const c = computeInvoice(
      [line('1', '80', [iva('0')]), line('1', '20', [iva('0', { exempt: true })])],
      MX,
    );
    expect(c.breakdown).toEqual([
      { type: 'IVA', rate: '0', base: '80.00', amount: '0.00', withheld: false },
      { type: 'IVA', rate: '0', exempt: true, base: '20.00', amount: '0.00', withheld: false },
    ]);
    expect(c.totals.total).toBe('100.00');
  });

  it('puts the IEPS into the IVA base (LIVA art. 18)', () => {
    const c = computeInvoice([line('1', '100', [{ type: 'IEPS', rate: '26.5' }, iva('16')])], MX);
    expect(c.lines[0]!.taxAmounts).toEqual([
      { type: 'IEPS', rate: '26.5', base: '100.00', amount: '26.50' },
      { type: 'IVA', rate: '16', base: '126.50', amount: '20.24' },
    ]);
    expect(c.totals).toEqual({ net: '100.00', tax: '46.74', withheld: '0.00', total: '146.74' });
  });

  it('withholds ISR and two thirds of the IVA for professional services', () => {
    const c = computeInvoice(
      [
        line('1', '1000', [
          iva('16'),
          { type: 'ISR', rate: '10' },
          iva('10.6667', { withheld: true }),
        ]),
      ],
      MX,
    );
    expect(c.breakdown).toEqual([
      { type: 'IVA', rate: '16', base: '1000.00', amount: '160.00', withheld: false },
      { type: 'IVA', rate: '10.6667', base: '1000.00', amount: '106.67', withheld: true },
      { type: 'ISR', rate: '10', base: '1000.00', amount: '100.00', withheld: true },
    ]);
    expect(c.totals).toEqual({
      net: '1000.00',
      tax: '160.00',
      withheld: '206.67',
      total: '953.33',
    });
  });

  it('rounds each concept’s tax and adds them up, as SAT does (Spain rounds the row once)', () => {
    const lines = Array.from({ length: 3 }, () => line('1', '0.05', [iva('16')]));
    expect(computeInvoice(lines, MX).breakdown[0]!.amount).toBe('0.03');
    const spain = Array.from({ length: 3 }, () => line('1', '0.05', [iva('21')]));
    expect(computeInvoice(spain).breakdown[0]!.amount).toBe('0.03');
    expect(computeInvoice(spain.slice(0, 2)).breakdown[0]!.amount).toBe('0.02');
    expect(computeInvoice(lines.slice(0, 2), MX).breakdown[0]!.amount).toBe('0.02');
  });

  it('rounds Importe and Descuento apart, so SubTotal − Descuento is the base', () => {
    const c = computeInvoice([line('1', '10.05', [iva('16')], { discountRate: '50' })], MX);
    expect(c.lines[0]).toMatchObject({ gross: '10.05', discount: '5.03', net: '5.02' });
  });

  it('takes lines with no taxes as not subject (01), and 03/04 without taxes', () => {
    const c = computeInvoice([line('1', '10', []), line('1', '5', [], { taxObject: '04' })], MX);
    expect(c.lines.map((l) => l.taxObject)).toEqual(['01', '04']);
    expect(c.breakdown).toEqual([]);
    expect(c.totals.total).toBe('15.00');
  });

  it.each([
    [[line('1', '10', [iva('21')])], 'lines.0.taxes.0.rate', expect.stringContaining('16, 8, 0')],
    [
      [line('1', '10', [iva('16')], { taxObject: '01' })],
      'lines.0.taxObject',
      expect.stringContaining('carries no taxes'),
    ],
    [[line('1', '10', [], { taxObject: '02' })], 'lines.0.taxes', expect.any(String)],
    [
      [line('1', '10', [iva('16'), { type: 'IEPS', rate: '12' }])],
      'lines.0.taxes.1.rate',
      expect.any(String),
    ],
    [
      [line('1', '10', [iva('16'), { type: 'ISR', rate: '40' }])],
      'lines.0.taxes.1.rate',
      expect.any(String),
    ],
    [[line('1', '10', [iva('16'), iva('8')])], 'lines.0.taxes.1.type', 'At most one IVA per line'],
    [[line('1', '10', [iva('16', { exempt: true })])], 'lines.0.taxes.0.rate', expect.any(String)],
    [[line('1', '10', [{ type: 'IRPF', rate: '15' }])], 'lines.0.taxes.0.type', expect.any(String)],
    [
      [line('1', '10', [iva('16', { exemption: 'E1' })])],
      'lines.0.taxes.0.exemption',
      expect.any(String),
    ],
    [
      [line('1', '10', [iva('16')], { satProductKey: '123' })],
      'lines.0.satProductKey',
      expect.any(String),
    ],
  ] as const)('refuses, naming the field (%#)', (lines, path, message) => {
    expect(errorsOf(lines as unknown as LineInput[], MX)).toContainEqual({ path, message });
  });

  it('refuses Mexican fields and taxes on a Spanish invoice', () => {
    expect(errorsOf([line('1', '10', [iva('21')], { satProductKey: '01010101' })])).toContainEqual({
      path: 'lines.0.satProductKey',
      message: 'Only Mexican invoices carry SAT keys',
    });
    expect(errorsOf([line('1', '10', [iva('21'), { type: 'ISR', rate: '10' }])])).toContainEqual({
      path: 'lines.0.taxes.1.type',
      message: 'Use IVA, IGIC, RE or IRPF',
    });
    expect(errorsOf([line('1', '10', [iva('21', { withheld: true })])])).toContainEqual({
      path: 'lines.0.taxes.0.withheld',
      message: 'Only Mexican invoices withhold IVA',
    });
  });
});

describe('computeInvoice rounds to the currency’s minor unit', () => {
  it.each([
    ['JPY', '1234.5', { net: '1235', tax: '259', withheld: '0', total: '1494' }],
    ['EUR', '1234.5', { net: '1234.50', tax: '259.25', withheld: '0.00', total: '1493.75' }],
    ['KWD', '10.1235', { net: '10.124', tax: '2.126', withheld: '0.000', total: '12.250' }],
  ])('%s', (currency, price, totals) => {
    expect(computeInvoice([line('1', price, [iva('21')])], { currency }).totals).toEqual(totals);
  });

  it('MXN and USD on a Mexican invoice keep 2 decimals; JPY none', () => {
    const jpy = computeInvoice([line('3', '333.3', [iva('16')])], { ...MX, currency: 'JPY' });
    expect(jpy.totals).toEqual({ net: '1000', tax: '160', withheld: '0', total: '1160' });
  });
});
