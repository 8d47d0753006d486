import { type FieldError, ValidationError } from '../errors.ts';
import { cents, Dec, isDecimalString, plain, sum } from '../money/decimal.ts';
import type { Computation, ComputedLine, LineInput, LineTax, TaxBreakdownRow } from './model.ts';
import { validateTaxes } from './validate-taxes.ts';

/**
 * The tax engine. Rounding follows what Facturae and VERI*FACTU print:
 * - a line's gross (quantity × unit price) and discount keep up to 8 decimals, as Facturae's line
 *   amounts do; its net (taxable base) is gross − discount rounded to cents once;
 * - each breakdown row (tax type + rate + exemption) rounds its quota once, on the sum of the
 *   bases, half up; totals are sums of rows, so totals, breakdown and the XML always agree;
 * - per-line quotas are rounded per line and are informative (Facturae wants them per line).
 */
export function computeInvoice(lines: readonly LineInput[]): Computation {
  const errors: FieldError[] = [];
  if (lines.length === 0) {
    errors.push({ path: 'lines', message: 'An invoice needs at least one line' });
  }
  for (const [i, line] of lines.entries()) validateLine(line, `lines.${i}`, errors);
  if (errors.length) {
    throw new ValidationError(
      `Invalid lines: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
      errors,
    );
  }

  const computed: ComputedLine[] = lines.map((line) => {
    const gross = new Dec(line.quantity).times(line.unitPrice);
    const rate = new Dec(line.discountRate ?? 0);
    const discount = gross.times(rate).dividedBy(100).toDecimalPlaces(8);
    const net = gross.minus(discount).toDecimalPlaces(2);
    const taxes = line.taxes.map(normaliseTax);
    return {
      ...line,
      taxes,
      gross: plain(gross.toDecimalPlaces(8)),
      discount: plain(discount),
      net: cents(net),
      taxAmounts: taxes.map((t) => ({
        ...t,
        base: cents(net),
        amount: cents(net.times(t.rate).dividedBy(100)),
      })),
    };
  });

  const groups = new Map<string, { tax: LineTax; bases: Dec[] }>();
  for (const line of computed) {
    for (const tax of line.taxes) {
      const key = `${tax.type}|${tax.rate}|${tax.exemption ?? ''}|${tax.notSubject ?? ''}`;
      const group = groups.get(key) ?? { tax, bases: [] };
      group.bases.push(new Dec(line.net));
      groups.set(key, group);
    }
  }
  const breakdown: TaxBreakdownRow[] = [...groups.values()]
    .map(({ tax, bases }) => {
      const base = sum(bases);
      return {
        type: tax.type,
        rate: tax.rate,
        ...(tax.exemption ? { exemption: tax.exemption } : {}),
        ...(tax.notSubject ? { notSubject: tax.notSubject } : {}),
        base: cents(base),
        amount: cents(base.times(tax.rate).dividedBy(100)),
        withheld: tax.type === 'IRPF',
      };
    })
    .sort(byPrintOrder);

  const net = sum(computed.map((l) => new Dec(l.net)));
  const tax = sum(breakdown.filter((r) => !r.withheld).map((r) => new Dec(r.amount)));
  const withheld = sum(breakdown.filter((r) => r.withheld).map((r) => new Dec(r.amount)));
  return {
    lines: computed,
    breakdown,
    totals: {
      net: cents(net),
      tax: cents(tax),
      withheld: cents(withheld),
      total: cents(net.plus(tax).minus(withheld)),
    },
  };
}

const ORDER = { IVA: 0, IGIC: 1, RE: 2, IRPF: 3 } as const;

/** IVA/IGIC first, then recargo, then withholding; higher rates first within each. */
function byPrintOrder(a: TaxBreakdownRow, b: TaxBreakdownRow): number {
  return ORDER[a.type] - ORDER[b.type] || new Dec(b.rate).comparedTo(a.rate);
}

/** "21.00" and "21" are the same rate: store the plain form so rows group and print alike. */
const normaliseTax = (t: LineTax): LineTax => ({ ...t, rate: plain(new Dec(t.rate)) });

function validateLine(line: LineInput, path: string, errors: FieldError[]): void {
  const bad = (field: string, message: string) =>
    errors.push({ path: `${path}.${field}`, message });
  if (!isDecimalString(line.quantity, 6) || new Dec(line.quantity).isZero()) {
    bad('quantity', 'Use a non-zero decimal string with up to 6 decimals, e.g. "2" or "1.5"');
  }
  if (!isDecimalString(line.unitPrice, 6)) {
    bad('unitPrice', 'Use a decimal string with up to 6 decimals, e.g. "12.50"');
  }
  if (line.discountRate !== undefined) {
    const ok = isDecimalString(line.discountRate, 2);
    if (!ok || new Dec(line.discountRate).lt(0) || new Dec(line.discountRate).gt(100)) {
      bad('discountRate', 'A percentage between 0 and 100 with up to 2 decimals');
    }
  }
  validateTaxes(line.taxes, `${path}.taxes`, errors);
}
