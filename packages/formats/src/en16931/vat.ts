import type { Invoice } from '@sello/core/invoices';
import { cents, Dec, plain } from '@sello/core/money';
import type { ExemptionCode, LineTax, TaxBreakdownRow } from '@sello/core/taxes';
import { specialTaxableEvent } from '../facturae/taxes.ts';
import { plainNumber } from './amounts.ts';
import { VATEX } from './codes.ts';
import { En16931BuildError } from './errors.ts';
import type { Texts } from './texts.ts';

/**
 * Spanish taxes as EN 16931 VAT categories (UNCL 5305), shared by UBL and CII.
 *
 * - IVA above 0 is S at its rate; IVA 0 without a reason is Z ("tipo cero").
 * - Exempt IVA: E2 (exports, art. 21 LIVA) is G; E5 (intra-EU supply, art. 25) is K when the buyer
 *   has an EU VAT number (BR-IC-02); every other exemption is E with the legal reason as text
 *   (E1, E3, E4, E6 span several Directive articles, so no single VATEX code fits).
 * - Not subject: N2 to a business with an EU VAT number is AE (the customer accounts for the VAT,
 *   art. 196 Directive 2006/112/EC); otherwise O. O may not share an invoice with any other
 *   category (BR-O-11 to BR-O-14), so on a mixed invoice not-subject lines become E with the
 *   not-subject reason as text: the closest category that keeps the amounts and the reason.
 * - IGIC above 0 is L at its rate. IGIC at 0 follows the IVA rules above (E, G, K, AE, O or Z):
 *   L carries no exemption reason (BR-AF-10) and the CII rules refuse an L line at 0 (their BR-AF-05
 *   test is "rate > 0" although its text allows 0), so the reason goes where EN 16931 has a place.
 * - Recargo de equivalencia rides on its IVA: a line with IVA 21 + RE 5.2 is S at 26.2. EN 16931
 *   allows one VAT category per line (UBL-SR-48) and needs every S rate of the breakdown to be the
 *   rate of the lines it sums (BR-S-08), so a separate RE row is impossible; the combined rates
 *   (26.2, 22.75, 11.4, 5.62, 4.5) are unique, so a reader can split them back. See README.
 * - IRPF is not VAT: it is withheld, see `withholdings`.
 */
export type VatCategoryCode = 'S' | 'Z' | 'E' | 'AE' | 'K' | 'G' | 'O' | 'L';

export interface VatCategory {
  code: VatCategoryCode;
  /** Percent in plain form; absent only for O (BR-O-05, BR-48). */
  rate?: string;
  /** VATEX code (BT-121). */
  exemptionCode?: string;
  /** Exemption reason text (BT-120). */
  exemptionReason?: string;
}

/** The IVA and RE that make up a combined S rate, for the note that explains it. */
export interface SurchargeDetail {
  ivaRate: string;
  surchargeRate: string;
  ivaAmount: string;
  surchargeAmount: string;
}

/** One VAT breakdown row (BG-23), amounts with the engine's sign. */
export interface VatRow extends VatCategory {
  base: string;
  amount: string;
  surcharge?: SurchargeDetail;
}

export interface VatContext {
  /** The buyer is a business in another member state (an EU VAT number outside Spain). */
  buyerEuBusiness: boolean;
  /** Not-subject operations written as E because the invoice has other categories too. */
  notSubjectAsExempt: boolean;
  texts: Texts;
}

export const categoryKey = (c: VatCategory): string => `${c.code}|${c.rate ?? ''}`;

const legalReason = (tax: LineTax): string => specialTaxableEvent(tax)?.reason ?? '';

/** The VAT category of a line's (or breakdown row's) IVA/IGIC, with its recargo if any. */
export function categoryOf(
  main: LineTax,
  surchargeRate: string | undefined,
  ctx: VatContext,
): VatCategory {
  const rate = plainNumber(main.rate, 'taxes.rate');
  if (main.type === 'IGIC' && rate !== '0') return { code: 'L', rate };
  if (main.notSubject) {
    if (main.notSubject === 'N2' && ctx.buyerEuBusiness) {
      return {
        code: 'AE',
        rate: '0',
        exemptionCode: VATEX.reverseCharge,
        exemptionReason: ctx.texts.reverseCharge,
      };
    }
    return ctx.notSubjectAsExempt
      ? { code: 'E', rate: '0', exemptionReason: legalReason(main) }
      : { code: 'O', exemptionCode: VATEX.notSubject, exemptionReason: legalReason(main) };
  }
  if (main.exemption) return exemptCategory(main, main.exemption, ctx);
  if (rate === '0') return { code: 'Z', rate: '0' };
  if (surchargeRate !== undefined) {
    return { code: 'S', rate: plain(new Dec(main.rate).plus(surchargeRate)) };
  }
  return { code: 'S', rate };
}

function exemptCategory(main: LineTax, exemption: ExemptionCode, ctx: VatContext): VatCategory {
  const reason = legalReason(main);
  if (exemption === 'E2') {
    return { code: 'G', rate: '0', exemptionCode: VATEX.export, exemptionReason: reason };
  }
  if (exemption === 'E5' && ctx.buyerEuBusiness) {
    return { code: 'K', rate: '0', exemptionCode: VATEX.intraCommunity, exemptionReason: reason };
  }
  return { code: 'E', rate: '0', exemptionReason: reason };
}

/** The line's single IVA or IGIC and its recargo, as the tax engine validated them. */
export function lineVatTaxes(taxes: readonly LineTax[], path: string) {
  const main = taxes.filter((t) => t.type === 'IVA' || t.type === 'IGIC');
  if (main.length !== 1) {
    throw new En16931BuildError('a line needs exactly one IVA or IGIC', `${path}.taxes`);
  }
  const surcharge = taxes.find((t) => t.type === 'RE');
  return { main: main[0]!, surchargeRate: surcharge?.rate };
}

interface WorkRow {
  main: TaxBreakdownRow;
  base: Dec;
  amount: Dec;
  surcharge?: { rate: string; amount: Dec };
}

/**
 * The engine's IVA/IGIC rows with each RE row joined to the IVA row of the lines that carry it.
 * An IVA row with recargo is split into one part per recargo rate (its base is the RE row's base,
 * the sum of those lines) and, when the rate also has lines without recargo, the rest. Each part's
 * IVA quota is rounded once, half up, as the engine does and as Facturae prints it; the rest (or,
 * without one, the last part) keeps the remainder, so the VAT total is exactly the engine's.
 */
function joinSurcharges(invoice: Invoice): WorkRow[] {
  const surchargesByIva = new Map<string, TaxBreakdownRow[]>();
  const withoutSurcharge = new Set<string>();
  const surchargeRows = invoice.breakdown.filter((r) => r.type === 'RE');
  for (const line of invoice.lines) {
    const iva = line.taxes.find((t) => t.type === 'IVA');
    if (!iva || iva.exemption || iva.notSubject) continue;
    const ivaRate = plainNumber(iva.rate, 'taxes.rate');
    const re = line.taxes.find((t) => t.type === 'RE');
    if (!re) {
      withoutSurcharge.add(ivaRate);
      continue;
    }
    const row = surchargeRows.find((r) => new Dec(r.rate).equals(re.rate));
    const joined = surchargesByIva.get(ivaRate) ?? [];
    if (row && !joined.includes(row)) surchargesByIva.set(ivaRate, [...joined, row]);
  }
  const rows: WorkRow[] = [];
  let joinedCount = 0;
  for (const [i, main] of invoice.breakdown.entries()) {
    if (main.type !== 'IVA' && main.type !== 'IGIC') continue;
    const rate = plainNumber(main.rate, `breakdown.${i}.rate`);
    const surcharges =
      main.type === 'IVA' && !main.exemption && !main.notSubject
        ? surchargesByIva.get(rate)
        : undefined;
    if (!surcharges) {
      rows.push({ main, base: new Dec(main.base), amount: new Dec(main.amount) });
      continue;
    }
    joinedCount += surcharges.length;
    const parts: WorkRow[] = surcharges.map((re) => ({
      main,
      base: new Dec(re.base),
      amount: new Dec(cents(new Dec(re.base).times(main.rate).dividedBy(100))),
      surcharge: { rate: re.rate, amount: new Dec(re.amount) },
    }));
    const base = parts.reduce((sum, p) => sum.plus(p.base), new Dec(0));
    const amount = parts.reduce((sum, p) => sum.plus(p.amount), new Dec(0));
    const remainder = new Dec(main.amount).minus(amount);
    if (withoutSurcharge.has(rate)) {
      rows.push(...parts, { main, base: new Dec(main.base).minus(base), amount: remainder });
      continue;
    }
    if (!base.equals(main.base)) {
      throw new En16931BuildError(
        `the IVA ${rate} % row's base ${main.base} is not the sum of its recargo rows`,
        `breakdown.${i}`,
      );
    }
    const last = parts.at(-1)!;
    last.amount = last.amount.plus(remainder);
    rows.push(...parts);
  }
  if (joinedCount !== surchargeRows.length) {
    throw new En16931BuildError('a recargo de equivalencia row matches no IVA row', 'breakdown');
  }
  return rows;
}

/**
 * The VAT breakdown (BG-23): one row per category and rate. Rows of the same category are merged
 * (BR-E-01, BR-G-01, BR-IC-01, BR-AE-01, BR-O-01 allow one row for E, G, K, AE, O), joining
 * their reasons; a VATEX code stays only when every merged row has the same one.
 */
export function vatBreakdown(invoice: Invoice, ctx: VatContext): VatRow[] {
  const merged = new Map<string, VatRow & { reasons: string[]; codes: Set<string | undefined> }>();
  for (const row of joinSurcharges(invoice)) {
    const category = categoryOf(row.main, row.surcharge?.rate, ctx);
    const key = categoryKey(category);
    const amount = row.surcharge ? row.amount.plus(row.surcharge.amount) : row.amount;
    const existing = merged.get(key);
    if (existing) {
      existing.base = new Dec(existing.base).plus(row.base).toFixed(2);
      existing.amount = new Dec(existing.amount).plus(amount).toFixed(2);
      if (category.exemptionReason && !existing.reasons.includes(category.exemptionReason)) {
        existing.reasons.push(category.exemptionReason);
      }
      existing.codes.add(category.exemptionCode);
      continue;
    }
    merged.set(key, {
      ...category,
      base: row.base.toFixed(2),
      amount: amount.toFixed(2),
      ...(row.surcharge
        ? {
            surcharge: {
              ivaRate: plain(new Dec(row.main.rate)),
              surchargeRate: plain(new Dec(row.surcharge.rate)),
              ivaAmount: row.amount.toFixed(2),
              surchargeAmount: row.surcharge.amount.toFixed(2),
            },
          }
        : {}),
      reasons: category.exemptionReason ? [category.exemptionReason] : [],
      codes: new Set([category.exemptionCode]),
    });
  }
  return [...merged.values()].map(
    ({ reasons, codes, exemptionCode, exemptionReason: _r, ...row }) => {
      const code = codes.size === 1 ? exemptionCode : undefined;
      return {
        ...row,
        ...(code ? { exemptionCode: code } : {}),
        ...(reasons.length ? { exemptionReason: reasons.join('; ') } : {}),
      };
    },
  );
}

/** The IRPF rows: withheld from the amount due, never part of the VAT breakdown. */
export function withholdings(invoice: Invoice) {
  return invoice.breakdown
    .filter((r) => r.withheld)
    .map((r, i) => {
      if (r.type !== 'IRPF') {
        throw new En16931BuildError(`${r.type} cannot be withheld`, `breakdown.withheld.${i}`);
      }
      return { rate: plain(new Dec(r.rate)), base: r.base, amount: r.amount };
    });
}
