import { describe, expect, it } from 'vitest';
import { computeInvoice } from '../taxes/compute.ts';
import { depositLines, depositTotals } from './totals.ts';
import { type DepositTreatment, defaultDepositTreatment, treatmentProblems } from './treatment.ts';

const deposit = (amount: string, reference = `R${amount}`, currency = 'EUR') => ({
  amount,
  currency,
  reference,
  date: '2026-12-01T10:00:00+01:00',
});

const spain = defaultDepositTreatment('ES');

describe('depositTotals', () => {
  it('finds the base whose total is what was paid (21 % IVA)', () => {
    expect(depositTotals([deposit('121.00')], spain, 'ES')).toEqual({
      count: 1,
      currency: 'EUR',
      net: '100.00',
      tax: '21.00',
      total: '121.00',
      paid: '121.00',
    });
    expect(depositTotals([deposit('50.00')], spain, 'ES')).toMatchObject({
      net: '41.32',
      tax: '8.68',
      total: '50.00',
    });
  });

  it('where no base gives the amount paid, bills one cent less, never more', () => {
    // 82.64 + 17.35 = 99.99 and 82.65 + 17.36 = 100.01: no base in cents totals 100.00.
    expect(depositTotals([deposit('100.00')], spain, 'ES')).toMatchObject({
      net: '82.64',
      tax: '17.35',
      total: '99.99',
      paid: '100.00',
    });
  });

  it('describes each deposit on its own line, or groups them in one', () => {
    const two = [deposit('10.00', 'ch_1'), deposit('20.00', 'ch_2')];
    const lines = depositLines(two, spain, 'ES');
    expect(lines.map((l) => [l.description, l.unitPrice])).toEqual([
      ['Anticipo · 2026-12-01 · ch_1', '8.26'],
      ['Anticipo · 2026-12-01 · ch_2', '16.53'],
    ]);
    const grouped: DepositTreatment = { ...spain, lines: 'grouped' };
    expect(depositLines(two, grouped, 'ES')).toEqual([
      { description: 'Anticipo', quantity: '1', unitPrice: '24.79', taxes: spain.taxes },
    ]);
    expect(depositTotals(two, grouped, 'ES').total).toBe('30.00');
  });

  it('bills in all what was paid in all: the bases are shared, not rounded one by one', () => {
    // Per-deposit bases 8.26 + 16.53 + 24.79 = 49.58, whose 21 % rounds to 10.41: 59.99.
    // Shared out from the base of 60.00 (49.59) they total 60.00.
    const three = [deposit('10.00', 'a'), deposit('20.00', 'b'), deposit('30.00', 'c')];
    expect(depositLines(three, spain, 'ES').map((l) => l.unitPrice)).toEqual([
      '8.27',
      '16.53',
      '24.79',
    ]);
    expect(depositTotals(three, spain, 'ES')).toMatchObject({ net: '49.59', total: '60.00' });
  });

  it('says exactly what the invoice computes, a cent below what was paid at worst', () => {
    for (const count of [1, 2, 7, 37, 90]) {
      const many = Array.from({ length: count }, (_, i) => deposit(`${(i % 9) + 0.99}`, `r${i}`));
      const totals = depositTotals(many, spain, 'ES');
      const invoice = computeInvoice(depositLines(many, spain, 'ES'), { currency: 'EUR' });
      expect(totals).toMatchObject({
        net: invoice.totals.net,
        tax: invoice.totals.tax,
        total: invoice.totals.total,
      });
      const short = Number(totals.paid) - Number(totals.total);
      expect(short, `${count} deposits`).toBeGreaterThanOrEqual(0);
      expect(short, `${count} deposits`).toBeLessThanOrEqual(0.011);
    }
  });

  it('prices Mexican advances with SAT keys, per concept rounding, and exact totals', () => {
    const mx = defaultDepositTreatment('MX');
    const lines = depositLines([deposit('1160.00', 'p1', 'MXN')], mx, 'MX');
    expect(lines[0]).toMatchObject({
      unitPrice: '1000.00',
      satProductKey: '84111506',
      satUnitKey: 'ACT',
      taxObject: '02',
    });
    expect(depositTotals([deposit('1160.00', 'p1', 'MXN')], mx, 'MX')).toMatchObject({
      net: '1000.00',
      tax: '160.00',
      total: '1160.00',
    });
  });

  it('uses the currency minor unit (JPY has none)', () => {
    expect(depositTotals([deposit('1210', 'y', 'JPY')], spain, 'ES')).toMatchObject({
      net: '1000',
      tax: '210',
      total: '1210',
    });
  });

  it('is zero for no deposits', () => {
    expect(depositTotals([], spain, 'ES')).toMatchObject({ count: 0, total: '0.00' });
  });
});

describe('treatmentProblems', () => {
  it('names the fields of a wrong treatment', () => {
    const wrong: DepositTreatment = {
      concept: ' ',
      taxes: [{ type: 'IRPF', rate: '15' }],
      lines: 'perDeposit',
      satProductKey: '84111506',
    };
    const paths = treatmentProblems(wrong, 'ES', 'deposits').map((e) => e.path);
    expect(paths).toContain('deposits.concept');
    expect(paths).toContain('deposits.taxes');
    expect(paths).toContain('deposits.satProductKey');
  });

  it('accepts the defaults', () => {
    expect(treatmentProblems(spain, 'ES', 'deposits')).toEqual([]);
    expect(treatmentProblems(defaultDepositTreatment('MX'), 'MX', 'deposits')).toEqual([]);
  });
});
