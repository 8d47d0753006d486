/**
 * The tax engine's vocabulary: tax kinds and rates on a line, what the engine computes per line,
 * the per-rate breakdown and the totals. Money and quantities are decimal strings ("12.50").
 */

/** Tax kinds of DESIGN §3. IRPF is withheld; RE (recargo de equivalencia) rides on an IVA rate. */
export type TaxType = 'IVA' | 'IGIC' | 'RE' | 'IRPF';

/** Exempt operations (art. 20–25 LIVA), as VERI*FACTU's OperacionExenta keys. */
export type ExemptionCode = 'E1' | 'E2' | 'E3' | 'E4' | 'E5' | 'E6';

/** Operations not subject to the tax (VERI*FACTU N1: art. 7/14/other; N2: location rules). */
export type NotSubjectCode = 'N1' | 'N2';

export interface LineTax {
  type: TaxType;
  /** Percent, e.g. "21", "5.2", "0". */
  rate: string;
  /** Only with rate 0 on IVA/IGIC: the legal reason the operation is exempt. */
  exemption?: ExemptionCode;
  /** Only with rate 0 on IVA/IGIC: the operation is not subject to the tax. */
  notSubject?: NotSubjectCode;
}

/** A line as given by the client (draft input, after catalog prices were applied). */
export interface LineInput {
  description: string;
  quantity: string;
  /** Up to 6 decimals. */
  unitPrice: string;
  /** Percent, e.g. "10". */
  discountRate?: string;
  productId?: string;
  /** Unit of measure (Facturae UnitOfMeasure code), default "01" units. */
  unit?: string;
  taxes: LineTax[];
}

/** One tax applied to one line, as Facturae prints per line. */
export interface LineTaxAmount extends LineTax {
  /** The line's taxable base (its `net`). */
  base: string;
  /** base × rate, rounded to 2 decimals (informative: totals come from the breakdown rows). */
  amount: string;
}

/** A line with what the engine computed. */
export interface ComputedLine extends LineInput {
  taxAmounts: LineTaxAmount[];
  /** quantity × unitPrice, unrounded (up to 8 decimals). */
  gross: string;
  /** gross × discountRate / 100, up to 8 decimals. */
  discount: string;
  /** gross − discount, rounded to 2 decimals (half up): the taxable base of the line. */
  net: string;
}

/** One row of the tax summary: all lines sharing a tax type, rate and exemption. */
export interface TaxBreakdownRow {
  type: TaxType;
  rate: string;
  exemption?: ExemptionCode;
  notSubject?: NotSubjectCode;
  /** Sum of the line bases, 2 decimals. */
  base: string;
  /** base × rate, rounded to 2 decimals once per row. */
  amount: string;
  /** true for IRPF. */
  withheld: boolean;
}

export interface Totals {
  /** Sum of line bases. */
  net: string;
  /** Sum of the non-withheld breakdown amounts (IVA, IGIC, RE). */
  tax: string;
  /** Sum of the withheld breakdown amounts (IRPF). */
  withheld: string;
  /** net + tax − withheld: what the customer pays. */
  total: string;
}

export interface Computation {
  lines: ComputedLine[];
  breakdown: TaxBreakdownRow[];
  totals: Totals;
}
