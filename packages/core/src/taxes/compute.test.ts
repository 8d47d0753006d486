import { describe, expect, it } from 'vitest';
import { computeInvoice } from './compute.ts';
import type { LineInput } from './model.ts';

const iva = (rate: string) => ({ type: 'IVA' as const, rate });
const line = (quantity: string, unitPrice: string, taxes: LineInput['taxes'], extra = {}) => ({
  description: 'x',
  quantity,
  unitPrice,
  taxes,
  ...extra,
});

describe('computeInvoice', () => {
  it('gives the DESIGN acceptance example: net 379.00, tax 75.34, withheld 45.00, total 409.34', () => {
    const c = computeInvoice([
      line('2', '150.00', [iva('21'), { type: 'IRPF', rate: '15' }]),
      line('3', '20.00', [iva('21')], { discountRate: '10' }),
      line('1', '25.00', [iva('4')]),
    ]);
    expect(c.totals).toEqual({ net: '379.00', tax: '75.34', withheld: '45.00', total: '409.34' });
    expect(c.breakdown).toEqual([
      { type: 'IVA', rate: '21', base: '354.00', amount: '74.34', withheld: false },
      { type: 'IVA', rate: '4', base: '25.00', amount: '1.00', withheld: false },
      { type: 'IRPF', rate: '15', base: '300.00', amount: '45.00', withheld: true },
    ]);
    expect(c.lines[1]).toMatchObject({ gross: '60', discount: '6', net: '54.00' });
    expect(c.lines[0]!.taxAmounts).toEqual([
      { type: 'IVA', rate: '21', base: '300.00', amount: '63.00' },
      { type: 'IRPF', rate: '15', base: '300.00', amount: '45.00' },
    ]);
  });

  it.each([
    ['21', '100.00', '21.00'],
    ['10', '100.00', '10.00'],
    ['5', '100.00', '5.00'],
    ['4', '100.00', '4.00'],
    ['0', '100.00', '0.00'],
  ])('IVA %s %% on %s is %s', (rate, price, amount) => {
    const c = computeInvoice([line('1', price, [iva(rate)])]);
    expect(c.breakdown[0]!.amount).toBe(amount);
    expect(c.totals.total).toBe((100 + Number(amount)).toFixed(2));
  });

  it('adds recargo de equivalencia as its own row next to its IVA', () => {
    const c = computeInvoice([
      line('1', '100', [iva('21'), { type: 'RE', rate: '5.2' }]),
      line('1', '50', [iva('10'), { type: 'RE', rate: '1.4' }]),
    ]);
    expect(c.breakdown.map((r) => [r.type, r.rate, r.base, r.amount])).toEqual([
      ['IVA', '21', '100.00', '21.00'],
      ['IVA', '10', '50.00', '5.00'],
      ['RE', '5.2', '100.00', '5.20'],
      ['RE', '1.4', '50.00', '0.70'],
    ]);
    expect(c.totals).toEqual({ net: '150.00', tax: '31.90', withheld: '0.00', total: '181.90' });
  });

  it('keeps exempt operations apart per legal reason', () => {
    const c = computeInvoice([
      line('1', '80', [{ type: 'IVA', rate: '0', exemption: 'E1' }]),
      line('1', '20', [{ type: 'IVA', rate: '0', exemption: 'E5' }]),
      line('1', '10', [iva('0')]),
    ]);
    expect(c.breakdown.map((r) => [r.rate, r.exemption ?? null, r.base])).toEqual([
      ['0', 'E1', '80.00'],
      ['0', 'E5', '20.00'],
      ['0', null, '10.00'],
    ]);
    expect(c.totals.total).toBe('110.00');
  });

  it('computes IGIC for the Canary Islands', () => {
    const c = computeInvoice([line('2', '49.99', [{ type: 'IGIC', rate: '7' }])]);
    expect(c.totals).toEqual({ net: '99.98', tax: '7.00', withheld: '0.00', total: '106.98' });
  });

  it('rounds each row once on the summed bases, half up: many lines at .005', () => {
    // 1 × 0.05 at 10 % is 0.005 per line: per-line rounding would give 0.01 × 101 = 1.01.
    const lines = Array.from({ length: 101 }, () => line('1', '0.05', [iva('10')]));
    const c = computeInvoice(lines);
    expect(c.totals.net).toBe('5.05');
    expect(c.breakdown[0]!.amount).toBe('0.51'); // 0.505 rounds half up
    expect(c.lines[0]!.taxAmounts[0]!.amount).toBe('0.01');
    expect(c.totals.total).toBe('5.56');
  });

  it('rounds a line base half up after the discount, keeping unit prices to 6 decimals', () => {
    const c = computeInvoice([line('3', '0.333335', [iva('21')], { discountRate: '0' })]);
    expect(c.lines[0]).toMatchObject({ gross: '1.000005', net: '1.00', discount: '0' });
    const d = computeInvoice([line('1', '10.05', [iva('21')], { discountRate: '50' })]);
    expect(d.lines[0]).toMatchObject({ gross: '10.05', net: '5.03', discount: '5.025' });
  });

  it('supports negative lines (returns, corrections by differences)', () => {
    const c = computeInvoice([line('-1', '100', [iva('21'), { type: 'IRPF', rate: '15' }])]);
    expect(c.totals).toEqual({
      net: '-100.00',
      tax: '-21.00',
      withheld: '-15.00',
      total: '-106.00',
    });
  });

  it('normalises rate spellings so rows group', () => {
    const c = computeInvoice([line('1', '10', [iva('21.00')]), line('1', '10', [iva('21')])]);
    expect(c.breakdown).toHaveLength(1);
    expect(c.breakdown[0]!.rate).toBe('21');
  });

  describe('refuses, naming each field', () => {
    const errorsOf = (lines: LineInput[]) => {
      try {
        computeInvoice(lines);
      } catch (e) {
        return (e as { errors: { path: string; message: string }[] }).errors;
      }
      throw new Error('expected a ValidationError');
    };

    it.each([
      [
        [line('1', '10', [iva('18')])],
        'lines.0.taxes.0.rate',
        'IVA rate must be one of 21, 10, 5, 4, 0',
      ],
      [[line('1', '10', [])], 'lines.0.taxes', expect.stringContaining('exactly one IVA or IGIC')],
      [
        [line('1', '10', [iva('21'), { type: 'IGIC', rate: '7' }])],
        'lines.0.taxes',
        expect.any(String),
      ],
      [
        [line('1', '10', [iva('10'), { type: 'RE', rate: '5.2' }])],
        'lines.0.taxes.1.rate',
        'With IVA 10 the recargo is 1.4',
      ],
      [
        [
          line('1', '10', [
            { type: 'IGIC', rate: '7' },
            { type: 'RE', rate: '5.2' },
          ]),
        ],
        'lines.0.taxes.1.type',
        expect.any(String),
      ],
      [
        [line('1', '10', [{ type: 'IVA', rate: '21', exemption: 'E1' }])],
        'lines.0.taxes.0.rate',
        'Exempt and not-subject operations carry rate 0',
      ],
      [
        [line('1', '10', [iva('21'), { type: 'IRPF', rate: '0' }])],
        'lines.0.taxes.1.rate',
        expect.any(String),
      ],
      [[line('0', '10', [iva('21')])], 'lines.0.quantity', expect.any(String)],
      [[line('1', '1.1234567', [iva('21')])], 'lines.0.unitPrice', expect.any(String)],
      [
        [line('1', '10', [iva('21')], { discountRate: '120' })],
        'lines.0.discountRate',
        expect.any(String),
      ],
      [[], 'lines', 'An invoice needs at least one line'],
    ] as const)('%#', (lines, path, message) => {
      expect(errorsOf(lines as unknown as LineInput[])).toContainEqual({ path, message });
    });
  });
});
