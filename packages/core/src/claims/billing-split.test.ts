import { describe, expect, it } from 'vitest';
import { ConflictError } from '../errors.ts';
import { Dec } from '../money/decimal.ts';
import { computeInvoice } from '../taxes/compute.ts';
import type { LineInput, LineTax } from '../taxes/model.ts';
import { splitFranchise } from './billing-split.ts';
import type { ValuationLine } from './model.ts';

const texts = { deduction: 'Franquicia', franchise: 'Franquicia del siniestro' };
const IVA21: LineTax[] = [{ type: 'IVA', rate: '21' }];
const totalOf = (lines: LineInput[], currency = 'EUR') =>
  computeInvoice(lines, { currency }).totals.total;

/** mulberry32: a small seeded generator, so a failure is replayed by its seed. */
function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const kinds = ['part', 'labour', 'paint', 'material'] as const;
function valuation(random: () => number, taxes: LineTax[]) {
  const int = (n: number) => Math.floor(random() * n);
  const lines: ValuationLine[] = Array.from({ length: 1 + int(12) }, (_, i) => {
    const kind = kinds[int(4)]!;
    return {
      kind,
      description: `${kind} ${i}`,
      quantity: kind === 'part' ? String(1 + int(4)) : (int(80) / 10 + 0.1).toFixed(1),
      unitPrice: (int(4_000_000) / 10_000).toFixed(4),
      ...(int(4) === 0 ? { discountRate: String(int(40)) } : {}),
    };
  });
  const total = new Dec(totalOf(lines.map((l) => ({ ...l, taxes }))));
  // Franchises: round sums most of the time, any amount up to the total the rest.
  const franchise =
    int(2) === 0
      ? Dec.min(total, new Dec([150, 300, 450, 600][int(4)]!)).toFixed(2)
      : total.times(random()).toDecimalPlaces(2).toFixed(2);
  return { lines, taxes, franchise };
}

/** Every total a base in cents gives near `amount`, by brute force over the bases around it. */
function reachable(amount: Dec, taxes: LineTax[]) {
  const factor = new Dec(
    totalOf([{ description: '-', quantity: '1', unitPrice: '1000000', taxes }]),
  ).dividedBy(1_000_000);
  const start = amount.dividedBy(factor).toDecimalPlaces(2);
  for (let k = -5; k <= 5; k++) {
    const base = start.plus(new Dec(k).dividedBy(100));
    if (base.isNegative()) continue;
    const total = totalOf([{ description: '-', quantity: '1', unitPrice: base.toFixed(2), taxes }]);
    if (new Dec(total).equals(amount)) return true;
  }
  return false;
}

describe('splitFranchise', () => {
  it('bills 1,234.56 with a franchise of 300.00 as 934.56 + 300.00, the deduction moved a cent', () => {
    const split = splitFranchise(
      {
        lines: [{ kind: 'part', description: 'Paragolpes', quantity: '1', unitPrice: '1020.30' }],
        taxes: IVA21,
        franchise: '300.00',
      },
      texts,
    );
    expect(split.totals).toMatchObject({ net: '1020.30', total: '1234.56', franchise: '300.00' });
    expect(split.insured).toMatchObject({ base: '247.93', total: '300.00' });
    expect(split.insurer).toMatchObject({ deduction: '247.94', total: '934.56' });
    // Each as the tax engine computes the invoice made from the lines.
    expect(totalOf(split.insurer.lines)).toBe('934.56');
    expect(totalOf(split.insured!.lines)).toBe('300.00');
    expect(split.insurer.lines.at(-1)).toMatchObject({ quantity: '-1', unitPrice: '247.94' });
  });

  for (const [name, taxes] of [
    ['IVA 21', IVA21],
    ['IVA 10', [{ type: 'IVA', rate: '10' }]],
    ['IGIC 7', [{ type: 'IGIC', rate: '7' }]],
    ['IGIC 15', [{ type: 'IGIC', rate: '15' }]],
    ['IVA 4', [{ type: 'IVA', rate: '4' }]],
    ['IVA 0 exempt', [{ type: 'IVA', rate: '0', exemption: 'E1' }]],
  ] as [string, LineTax[]][]) {
    it(`adds up to the valuation total to the cent over 400 generated valuations (${name})`, () => {
      const random = seeded(0x5e110 + name.length);
      let moved = 0;
      for (let run = 0; run < 400; run++) {
        const v = valuation(random, taxes);
        const split = splitFranchise(v, texts);
        const total = new Dec(split.totals.total);
        const franchise = new Dec(v.franchise);
        // Each total is the engine's own over the lines the invoice will carry.
        const insurer = new Dec(totalOf(split.insurer.lines));
        expect(insurer.toFixed(2)).toBe(split.insurer.total);
        if (franchise.isZero()) {
          expect(split.insured).toBeUndefined();
          expect(insurer.equals(total)).toBe(true);
          continue;
        }
        const insured = new Dec(totalOf(split.insured!.lines));
        expect(insured.toFixed(2)).toBe(split.insured!.total);
        expect(insurer.plus(insured).toFixed(2), `seed run ${run}`).toBe(total.toFixed(2));
        const off = insured.minus(franchise).abs();
        expect(off.lessThanOrEqualTo('0.01')).toBe(true);
        if (!off.isZero()) {
          moved++;
          // Moved only when the franchise and its rest are not both made by some base in cents.
          expect(reachable(franchise, taxes) && reachable(total.minus(franchise), taxes)).toBe(
            false,
          );
        }
      }
      // The rule is exercised both ways in the sample (nothing moves at rate 0).
      if (taxes[0]!.rate !== '0') expect(moved).toBeGreaterThan(0);
    });
  }

  it('makes one invoice when there is no franchise', () => {
    const split = splitFranchise(
      {
        lines: [{ kind: 'labour', description: 'Chapa', quantity: '2.5', unitPrice: '42' }],
        taxes: IVA21,
        franchise: '0',
      },
      texts,
    );
    expect(split.insured).toBeUndefined();
    expect(split.insurer).toEqual({
      lines: [{ description: 'Chapa', quantity: '2.5', unitPrice: '42', unit: '02', taxes: IVA21 }],
      total: '127.05',
    });
  });

  it('bills the insured the whole and the insurer nothing when the franchise is the total', () => {
    const split = splitFranchise(
      {
        lines: [{ kind: 'part', description: 'Faro', quantity: '1', unitPrice: '1020.30' }],
        taxes: IVA21,
        franchise: '1234.56',
      },
      texts,
    );
    expect(split.insured).toMatchObject({ base: '1020.30', total: '1234.56' });
    expect(split.insurer).toMatchObject({ total: '0.00', deduction: '1020.30' });
    expect(totalOf(split.insurer.lines)).toBe('0.00');
  });

  it('splits under IGIC as under IVA, the insured a cent below when the rest is no total', () => {
    const valuation = {
      lines: [
        { kind: 'part' as const, description: 'Retrovisor', quantity: '3', unitPrice: '99.99' },
      ],
      taxes: [{ type: 'IGIC' as const, rate: '7' }],
    };
    // 299.97 + IGIC 7 (21.00) = 320.97
    const exact = splitFranchise({ ...valuation, franchise: '200.00' }, texts);
    expect(exact.totals.total).toBe('320.97');
    expect(exact.insured).toMatchObject({ base: '186.92', total: '200.00' });
    expect(totalOf(exact.insurer.lines)).toBe('120.97');
    // 150.00 is 140.19 at 7 %, but no base totals the rest, 170.97 (159.78 → 170.96, 159.79 →
    // 170.98): the insured pays 149.99 (140.18), a cent less, and the insurer 170.98.
    const moved = splitFranchise({ ...valuation, franchise: '150.00' }, texts);
    expect(moved.insured).toMatchObject({ base: '140.18', total: '149.99' });
    expect(moved.insurer.total).toBe('170.98');
    expect(totalOf(moved.insured!.lines)).toBe('149.99');
    expect(totalOf(moved.insurer.lines)).toBe('170.98');
  });

  it('refuses two rates (IVA with recargo, a withholding) naming taxes', () => {
    for (const taxes of [
      [...IVA21, { type: 'RE', rate: '5.2' }],
      [...IVA21, { type: 'IRPF', rate: '15' }],
      [{ type: 'IRPF', rate: '15' }],
    ] as LineTax[][]) {
      expect(() =>
        splitFranchise(
          {
            lines: [{ kind: 'part', description: 'x', quantity: '1', unitPrice: '10' }],
            taxes,
            franchise: '1',
          },
          texts,
        ),
      ).toThrow(expect.objectContaining({ errors: [expect.objectContaining({ path: 'taxes' })] }));
    }
  });

  it('refuses a franchise above the total, naming it', () => {
    expect(() =>
      splitFranchise(
        {
          lines: [{ kind: 'part', description: 'x', quantity: '1', unitPrice: '10' }],
          taxes: IVA21,
          franchise: '12.11',
        },
        texts,
      ),
    ).toThrow(ConflictError);
  });
});
