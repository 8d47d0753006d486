/**
 * The lines and figures of an invoice of deposits. Pure (no I/O, only decimal.js), so the portal's
 * total card computes with the very function the API drafts the invoice with: what a customer
 * sees while ticking deposits is what the invoice will say.
 */
import { minorUnits } from '../money/currencies.ts';
import { Dec, sum } from '../money/decimal.ts';
import { computeInvoice } from '../taxes/compute.ts';
import type { Computation, Jurisdiction, LineInput, TaxObject } from '../taxes/model.ts';
import type { Deposit } from './model.ts';
import type { DepositTreatment } from './treatment.ts';

/** What the lines need of a deposit. */
export type BilledDeposit = Pick<Deposit, 'amount' | 'currency' | 'reference' | 'date'>;

/**
 * One line per deposit (described by its payment day and reference), or one grouped line for
 * them all, under the treatment's concept and taxes. A deposit's amount is what was paid, taxes
 * included, and the invoice's total should be what was paid in all:
 * - Mexico rounds each concept's taxes (CFDI), so each line's base is the one whose own total is
 *   its deposit (see `basePricer`);
 * - Spain rounds the tax once per breakdown row, on the sum of the bases: the bases are chosen
 *   together, their sum being the base whose total is the sum paid, shared out among the lines
 *   in proportion (largest remainders take the leftover cents). Line by line, per-deposit bases
 *   would add up their roundings: three deposits of 201.00 in all gave 200.99.
 */
export function depositLines(
  deposits: readonly BilledDeposit[],
  treatment: DepositTreatment,
  jurisdiction: Jurisdiction,
): LineInput[] {
  const currency = deposits[0]?.currency ?? 'EUR';
  const baseOf = pricerFor(treatment, jurisdiction, currency);
  const line = (description: string, base: string): LineInput => ({
    description,
    quantity: '1',
    unitPrice: base,
    taxes: treatment.taxes,
    ...(jurisdiction === 'MX'
      ? {
          ...(treatment.satProductKey ? { satProductKey: treatment.satProductKey } : {}),
          ...(treatment.satUnitKey ? { satUnitKey: treatment.satUnitKey } : {}),
          taxObject: '02' as TaxObject,
        }
      : {}),
  });
  const paid = deposits.map((d) => new Dec(d.amount));
  if (treatment.lines === 'grouped') return [line(treatment.concept, baseOf(sum(paid)))];
  const bases =
    jurisdiction === 'MX'
      ? paid.map((p) => baseOf(p))
      : sharedBases(paid, new Dec(baseOf(sum(paid))), minorUnits(currency));
  return deposits.map((d, i) =>
    line(`${treatment.concept} · ${d.date.slice(0, 10)} · ${d.reference}`, bases[i]!),
  );
}

/**
 * `total` shared out in proportion to `weights`, in minor units, adding up to `total` exactly:
 * each gets its share rounded down, and the units left go to the largest remainders (the
 * earliest first among equals, so the result does not depend on anything but the input order).
 */
function sharedBases(weights: readonly Dec[], total: Dec, units: number): string[] {
  const whole = sum([...weights]);
  if (whole.isZero()) return weights.map(() => new Dec(0).toFixed(units));
  const scale = new Dec(10).pow(units);
  const exact = weights.map((w) => total.times(w).dividedBy(whole).times(scale));
  const floors = exact.map((e) => e.floor());
  let left = total.times(scale).minus(sum(floors)).toNumber();
  const order = exact
    .map((e, i) => ({ i, remainder: e.minus(floors[i]!) }))
    .sort((a, b) => b.remainder.comparedTo(a.remainder) || a.i - b.i);
  for (const { i } of order) {
    if (left <= 0) break;
    floors[i] = floors[i]!.plus(1);
    left--;
  }
  return floors.map((f) => f.dividedBy(scale).toFixed(units));
}

export interface DepositTotals {
  count: number;
  currency: string;
  net: string;
  tax: string;
  total: string;
  /** The deposits' amounts added up: what was paid (`total` may differ by rounding, see above). */
  paid: string;
}

/** The invoice's figures for these deposits: count, net, tax and total, as the draft will have. */
export function depositTotals(
  deposits: readonly BilledDeposit[],
  treatment: DepositTreatment,
  jurisdiction: Jurisdiction,
): DepositTotals {
  const currency = deposits[0]?.currency ?? 'EUR';
  const units = minorUnits(currency);
  const paid = sum(deposits.map((d) => new Dec(d.amount))).toFixed(units);
  if (!deposits.length) {
    const zero = new Dec(0).toFixed(units);
    return { count: 0, currency, net: zero, tax: zero, total: zero, paid };
  }
  const { totals } = compute(
    depositLines(deposits, treatment, jurisdiction),
    jurisdiction,
    currency,
  );
  return {
    count: deposits.length,
    currency,
    net: totals.net,
    tax: totals.tax,
    total: totals.total,
    paid,
  };
}

/** One pricer per treatment object and currency, kept while the treatment is. */
const pricers = new WeakMap<DepositTreatment, Map<string, (paid: Dec) => string>>();
function pricerFor(treatment: DepositTreatment, jurisdiction: Jurisdiction, currency: string) {
  const byCurrency = pricers.get(treatment) ?? new Map<string, (paid: Dec) => string>();
  pricers.set(treatment, byCurrency);
  const key = `${jurisdiction}|${currency}`;
  const pricer = byCurrency.get(key) ?? basePricer(treatment, jurisdiction, currency);
  byCurrency.set(key, pricer);
  return pricer;
}

const compute = (lines: LineInput[], jurisdiction: Jurisdiction, currency: string): Computation =>
  computeInvoice(lines, { currency, jurisdiction });

/**
 * The taxable base whose line totals the amount paid, for one treatment and currency:
 * `paid / (1 + rates)` rounded to the currency, or its neighbour one minor unit up or down when
 * that one totals `paid` exactly (rounding the tax may leave the first a unit off). Where no base
 * totals `paid` exactly (a tax rounding jumps over it) the nearest is taken: the line is then
 * off by one minor unit, never more, and below
 * rather than above what was paid when both are as near. Bases are remembered per amount: a card recomputing on
 * every tick finds them made.
 */
export function basePricer(
  treatment: DepositTreatment,
  jurisdiction: Jurisdiction,
  currency: string,
): (paid: Dec) => string {
  const units = minorUnits(currency);
  const unit = new Dec(1).dividedBy(10 ** units);
  const totalOf = (base: Dec) =>
    new Dec(
      compute(
        [
          {
            description: '-',
            quantity: '1',
            unitPrice: base.toFixed(units),
            taxes: treatment.taxes,
          },
        ],
        jurisdiction,
        currency,
      ).totals.total,
    );
  // The factor (1 + rates, IEPS compounding into IVA's base in Mexico) measured on a large base.
  const probe = new Dec(10).pow(units + 8);
  const factor = totalOf(probe).dividedBy(probe);
  const known = new Map<string, string>();
  return (paid) => {
    const key = paid.toFixed(units);
    const hit = known.get(key);
    if (hit) return hit;
    const first = paid.dividedBy(factor).toDecimalPlaces(units);
    let best = first;
    let miss = totalOf(first).minus(paid).abs();
    let over = totalOf(first).greaterThan(paid);
    for (const candidate of [first.minus(unit), first.plus(unit)]) {
      if (miss.isZero() || candidate.isNegative()) break;
      const total = totalOf(candidate);
      const off = total.minus(paid).abs();
      // Nearest first; between two as near, the one that does not bill more than was paid.
      if (off.lessThan(miss) || (off.equals(miss) && over && !total.greaterThan(paid))) {
        best = candidate;
        miss = off;
        over = total.greaterThan(paid);
      }
    }
    const base = best.toFixed(units);
    known.set(key, base);
    return base;
  };
}
