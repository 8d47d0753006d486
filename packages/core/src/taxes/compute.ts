import { type FieldError, ValidationError } from '../errors.ts';
import { minorUnits } from '../money/currencies.ts';
import { Dec, isDecimalString, plain, sum } from '../money/decimal.ts';
import type {
  Computation,
  ComputedLine,
  Jurisdiction,
  LineInput,
  LineTax,
  TaxBreakdownRow,
} from './model.ts';
import { validateTaxes } from './validate-taxes.ts';

export interface ComputeOptions {
  /** ISO 4217 code whose minor unit amounts are rounded to; EUR unless given. */
  currency?: string;
  /** Whose tax rules apply; Spain's unless given. */
  jurisdiction?: Jurisdiction;
}

/**
 * The tax engine. Amounts are rounded half up to the currency's minor unit (2 for EUR and MXN,
 * 0 for JPY, 3 for KWD). Spain's rounding follows what Facturae and VERI*FACTU print:
 * - a line's gross (quantity × unit price) and discount keep up to 8 decimals, as Facturae's line
 *   amounts do; its net (taxable base) is gross − discount rounded once;
 * - each breakdown row (tax type + rate + exemption) rounds its quota once, on the sum of the
 *   bases, half up; totals are sums of rows, so totals, breakdown and the XML always agree;
 * - per-line quotas are rounded per line and are informative (Facturae wants them per line).
 * Mexico's follows CFDI 4.0 (Anexo 20) instead, see `computeMexican`.
 */
export function computeInvoice(
  lines: readonly LineInput[],
  options: ComputeOptions = {},
): Computation {
  const jurisdiction = options.jurisdiction ?? 'ES';
  const errors: FieldError[] = [];
  if (lines.length === 0) {
    errors.push({ path: 'lines', message: 'An invoice needs at least one line' });
  }
  for (const [i, line] of lines.entries()) {
    validateLine(line, `lines.${i}`, errors, jurisdiction);
  }
  if (errors.length) {
    throw new ValidationError(
      `Invalid lines: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
      errors,
    );
  }
  const units = minorUnits(options.currency ?? 'EUR');
  const round = (d: Dec) => d.toDecimalPlaces(units).toFixed(units);
  if (jurisdiction === 'MX') return computeMexican(lines, units);

  const computed: ComputedLine[] = lines.map((line) => {
    const gross = new Dec(line.quantity).times(line.unitPrice);
    const rate = new Dec(line.discountRate ?? 0);
    const discount = gross.times(rate).dividedBy(100).toDecimalPlaces(8);
    const net = gross.minus(discount).toDecimalPlaces(units);
    const taxes = line.taxes.map(normaliseTax);
    return {
      ...line,
      taxes,
      gross: plain(gross.toDecimalPlaces(8)),
      discount: plain(discount),
      net: round(net),
      taxAmounts: taxes.map((t) => ({
        ...t,
        base: round(net),
        amount: round(net.times(t.rate).dividedBy(100)),
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
        base: round(base),
        amount: round(base.times(tax.rate).dividedBy(100)),
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
      net: round(net),
      tax: round(tax),
      withheld: round(withheld),
      total: round(net.plus(tax).minus(withheld)),
    },
  };
}

/**
 * Mexico, per CFDI 4.0 (Anexo 20 and its Guía de llenado): each concept's Importe (quantity ×
 * unit price) and Descuento are rounded to the currency's decimals, its tax base is Importe −
 * Descuento, and each tax's Importe is base × rate rounded per concept; the comprobante's
 * summary adds up the concepts' bases and amounts per tax, factor and rate (it never recomputes),
 * SubTotal − Descuento + charged − withheld is the Total. IEPS is part of IVA's base (LIVA art.
 * 12 and 18: the value includes the other taxes), so a line's IVA base is its net plus its IEPS.
 */
function computeMexican(lines: readonly LineInput[], units: number): Computation {
  const round = (d: Dec) => d.toDecimalPlaces(units).toFixed(units);
  const computed: ComputedLine[] = lines.map((line) => {
    const gross = new Dec(line.quantity).times(line.unitPrice).toDecimalPlaces(units);
    const discount = gross
      .times(line.discountRate ?? 0)
      .dividedBy(100)
      .toDecimalPlaces(units);
    const net = gross.minus(discount);
    const taxes = line.taxes.map(normaliseTax);
    const amountOf = (base: Dec, t: LineTax) =>
      t.exempt ? new Dec(0) : base.times(t.rate).dividedBy(100).toDecimalPlaces(units);
    const ieps = taxes.find((t) => t.type === 'IEPS' && !t.withheld);
    const iepsAmount = ieps ? amountOf(net, ieps) : new Dec(0);
    return {
      ...line,
      taxObject: line.taxObject ?? (taxes.length ? '02' : '01'),
      taxes,
      gross: round(gross),
      discount: round(discount),
      net: round(net),
      taxAmounts: taxes.map((t) => {
        const base = t.type === 'IVA' ? net.plus(iepsAmount) : net;
        return { ...t, base: round(base), amount: round(amountOf(base, t)) };
      }),
    };
  });
  const groups = new Map<string, { tax: LineTax; bases: Dec[]; amounts: Dec[] }>();
  for (const line of computed) {
    for (const tax of line.taxAmounts) {
      const key = `${tax.type}|${withheld(tax)}|${tax.rate}|${tax.exempt ?? ''}`;
      const group = groups.get(key) ?? { tax, bases: [], amounts: [] };
      group.bases.push(new Dec(tax.base));
      group.amounts.push(new Dec(tax.amount));
      groups.set(key, group);
    }
  }
  const breakdown: TaxBreakdownRow[] = [...groups.values()]
    .map(({ tax, bases, amounts }) => ({
      type: tax.type,
      rate: tax.rate,
      ...(tax.exempt ? { exempt: true } : {}),
      base: round(sum(bases)),
      amount: round(sum(amounts)),
      withheld: withheld(tax),
    }))
    .sort(byPrintOrder);
  const net = sum(computed.map((l) => new Dec(l.net)));
  const tax = sum(breakdown.filter((r) => !r.withheld).map((r) => new Dec(r.amount)));
  const held = sum(breakdown.filter((r) => r.withheld).map((r) => new Dec(r.amount)));
  return {
    lines: computed,
    breakdown,
    totals: {
      net: round(net),
      tax: round(tax),
      withheld: round(held),
      total: round(net.plus(tax).minus(held)),
    },
  };
}

/** IRPF and ISR are always withheld; in Mexico IVA may be (retención de IVA). */
const withheld = (t: LineTax): boolean => t.type === 'IRPF' || t.type === 'ISR' || !!t.withheld;

const ORDER = { IVA: 0, IGIC: 1, IEPS: 1, RE: 2, IRPF: 3, ISR: 3 } as const;

/**
 * IVA/IGIC first, then recargo, then withholding; higher rates first within each. Mexico: what
 * is charged before what is withheld, exempt after the rates.
 */
function byPrintOrder(a: TaxBreakdownRow, b: TaxBreakdownRow): number {
  return (
    Number(a.withheld) - Number(b.withheld) ||
    ORDER[a.type] - ORDER[b.type] ||
    Number(a.exempt ?? false) - Number(b.exempt ?? false) ||
    new Dec(b.rate).comparedTo(a.rate)
  );
}

/** "21.00" and "21" are the same rate: store the plain form so rows group and print alike. */
const normaliseTax = (t: LineTax): LineTax => ({ ...t, rate: plain(new Dec(t.rate)) });

function validateLine(
  line: LineInput,
  path: string,
  errors: FieldError[],
  jurisdiction: Jurisdiction,
): void {
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
  if (jurisdiction === 'ES') {
    for (const field of ['satProductKey', 'satUnitKey', 'taxObject'] as const) {
      if (line[field] !== undefined) bad(field, 'Only Mexican invoices carry SAT keys');
    }
  } else {
    validateSatKeys(line, bad);
  }
  validateTaxes(line.taxes, `${path}.taxes`, errors, {
    jurisdiction,
    ...(line.taxObject ? { taxObject: line.taxObject } : {}),
    taxObjectPath: `${path}.taxObject`,
  });
}

/** c_ClaveProdServ is 8 digits, c_ClaveUnidad 1–3 letters or digits; c_ObjetoImp 01–04. */
export function validateSatKeys(
  line: Pick<LineInput, 'satProductKey' | 'satUnitKey' | 'taxObject'>,
  bad: (field: string, message: string) => void,
): void {
  if (line.satProductKey !== undefined && !/^\d{8}$/.test(line.satProductKey)) {
    bad('satProductKey', "SAT's ClaveProdServ: 8 digits, e.g. 01010101");
  }
  if (line.satUnitKey !== undefined && !/^[A-Z0-9]{1,3}$/.test(line.satUnitKey)) {
    bad('satUnitKey', "SAT's ClaveUnidad, e.g. H87 or E48");
  }
  if (line.taxObject !== undefined && !['01', '02', '03', '04'].includes(line.taxObject)) {
    bad('taxObject', 'c_ObjetoImp: 01, 02, 03 or 04');
  }
}
