/**
 * The franchise split (how rounding is shared): a valuation billed as two invoices, the insurer's
 * (the valuation's lines and a deduction line for the franchise) and the insured's (one line, the
 * franchise), each invoice computed by the tax engine as any invoice is (Spain: tax rounded once
 * per breakdown row). Pure: no I/O, only the tax engine and decimal.js.
 *
 * A total is a base plus its rounded tax, so as the base grows by one cent the total grows by one
 * cent or two (IVA 21: by two about one time in five): some totals are made by no base in cents.
 * The rule, in this order:
 * 1. the two totals add up to the valuation's total, to the cent, always;
 * 2. the insured's total is the franchise whenever a base in cents gives it and a deduction in
 *    cents gives the insurer the rest;
 * 3. otherwise the insured's total is the nearest that allows (1), the lower first among two as
 *    near (the owner never pays more than the franchise for a rounding's sake): one cent off,
 *    since at one rate a total never skips two cents in a row (one IVA or IGIC rate only).
 * The deduction is not the insured's base: it is the amount that makes the insurer's own total
 * the rest. 1,020.30 at IVA 21 is 1,234.56; a franchise of 300.00 is a base of 247.93; the
 * insurer's lines less 247.93 would total 934.57 (one cent over), so its deduction is 247.94
 * (934.56), and 934.56 + 300.00 = 1,234.56.
 */
import { ConflictError, ValidationError } from '../errors.ts';
import { minorUnits } from '../money/currencies.ts';
import { Dec, isDecimalString } from '../money/decimal.ts';
import { computeInvoice } from '../taxes/compute.ts';
import type { Jurisdiction, LineInput, LineTax } from '../taxes/model.ts';
import type { Valuation, ValuationTotals } from './model.ts';
import { valuationLineInputs } from './valuations.ts';

/** What the split reads of a valuation. */
export type SplitValuation = Pick<Valuation, 'lines' | 'taxes' | 'franchise'> & {
  currency?: string;
};

/** The texts of the two lines the split adds (in each party's language, see billing-texts). */
export interface SplitTexts {
  /** The insurer's deduction line. */
  deduction: string;
  /** The insured's line. */
  franchise: string;
}

export interface FranchiseSplit {
  /** The valuation's figures, as the tax engine computes its lines. */
  totals: ValuationTotals;
  /** The valuation's lines, less the deduction when there is a franchise. */
  insurer: { lines: LineInput[]; total: string; deduction?: string };
  /** Absent when the franchise is zero: one invoice only. */
  insured?: { lines: LineInput[]; total: string; base: string };
}

/** How far from the first estimate bases are tried (a few minor units covers any sane rate). */
const REACH = 3;

/** Splits a valuation between insurer and insured (see the rule above). */
export function splitFranchise(
  valuation: SplitValuation,
  texts: SplitTexts,
  jurisdiction: Jurisdiction = 'ES',
): FranchiseSplit {
  assertOneRate(valuation.taxes);
  const currency = valuation.currency ?? 'EUR';
  const units = minorUnits(currency);
  const unit = new Dec(1).dividedBy(new Dec(10).pow(units));
  const fixed = (d: Dec) => d.toFixed(units);
  const lines = valuationLineInputs(valuation);
  const compute = (ls: LineInput[]) => computeInvoice(ls, { currency, jurisdiction }).totals;
  const whole = compute(lines);
  const total = new Dec(whole.total);
  const franchise = readFranchise(valuation.franchise, units, total);
  const totals: ValuationTotals = {
    net: whole.net,
    tax: whole.tax,
    total: whole.total,
    franchise: fixed(franchise),
    insurer: fixed(total.minus(franchise)),
  };
  if (franchise.isZero()) return { totals, insurer: { lines, total: whole.total } };

  const line = (description: string, quantity: string, amount: Dec): LineInput => ({
    description,
    quantity,
    unitPrice: fixed(amount),
    taxes: valuation.taxes,
  });
  const insuredTotal = (base: Dec) => new Dec(compute([line(texts.franchise, '1', base)]).total);
  const deducted = (deduction: Dec) =>
    deduction.isZero() ? lines : [...lines, line(texts.deduction, '-1', deduction)];
  const insurerTotal = (deduction: Dec) => new Dec(compute(deducted(deduction)).total);
  // total / base at this rate, measured on a large base so its rounding does not show.
  const probe = new Dec(10).pow(units + 8);
  const factor = insuredTotal(probe).dividedBy(probe);
  const net = new Dec(whole.net);

  for (const offset of offsets(REACH)) {
    const owed = franchise.plus(unit.times(offset));
    if (owed.isNegative() || owed.greaterThan(total)) continue;
    const base = near(owed.dividedBy(factor).toDecimalPlaces(units), unit, (b) =>
      insuredTotal(b).equals(owed),
    );
    if (!base) continue;
    const rest = total.minus(owed);
    // The insurer's lines less the deduction total `rest`: about net − rest / factor.
    const deduction = near(net.minus(rest.dividedBy(factor)).toDecimalPlaces(units), unit, (d) =>
      insurerTotal(d).equals(rest),
    );
    if (!deduction) continue;
    return {
      totals: { ...totals, insurer: fixed(rest) },
      insurer: {
        lines: deducted(deduction),
        total: fixed(rest),
        ...(deduction.isZero() ? {} : { deduction: fixed(deduction) }),
      },
      insured: { lines: [line(texts.franchise, '1', base)], total: fixed(owed), base: fixed(base) },
    };
  }
  // Not reached: at one rate up to 100 % totals never jump two cents in a row.
  throw new Error(`No split of ${valuation.franchise} to the cent was found`);
}

/**
 * One IVA or IGIC rate: what a repair under a claim carries. Two rates (IVA with recargo, or a
 * withholding) round twice per cent of base, and could leave the insured two cents off; a
 * valuation has one tax set for all its lines, so several rates across lines cannot occur.
 */
function assertOneRate(taxes: readonly LineTax[]): void {
  const [tax, ...more] = taxes;
  if (!tax || more.length || (tax.type !== 'IVA' && tax.type !== 'IGIC')) {
    throw new ValidationError('A valuation is billed at one IVA or IGIC rate', [
      {
        path: 'taxes',
        message: 'Exactly one tax, IVA or IGIC, e.g. [{"type": "IVA", "rate": "21"}]',
      },
    ]);
  }
}

/** 0, −1, 1, −2, 2, …: nearest first, the lower first among two as near. */
function offsets(reach: number): number[] {
  const out = [0];
  for (let k = 1; k <= reach; k++) out.push(-k, k);
  return out;
}

/** The first non-negative amount around `start` (nearest first) that `fits`. */
function near(start: Dec, unit: Dec, fits: (amount: Dec) => boolean): Dec | undefined {
  for (const offset of offsets(REACH)) {
    const amount = start.plus(unit.times(offset));
    if (!amount.isNegative() && fits(amount)) return amount;
  }
  return undefined;
}

function readFranchise(value: string, units: number, total: Dec): Dec {
  if (!isDecimalString(value, units) || new Dec(value).isNegative()) {
    throw new ValidationError('Invalid franchise', [
      { path: 'franchise', message: `A non-negative amount with up to ${units} decimals` },
    ]);
  }
  const franchise = new Dec(value);
  if (franchise.greaterThan(total)) {
    throw new ConflictError(
      `The franchise (${value}) is more than the valuation's total (${total.toFixed(units)})`,
      [{ path: 'franchise', message: 'At most the valuation total' }],
    );
  }
  return franchise;
}
