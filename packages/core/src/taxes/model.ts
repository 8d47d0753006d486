/**
 * The tax engine's vocabulary: tax kinds and rates on a line, what the engine computes per line,
 * the per-rate breakdown and the totals. Money and quantities are decimal strings ("12.50").
 */

/**
 * Tax kinds of DESIGN §3. Spain: IRPF is withheld; RE (recargo de equivalencia) rides on an IVA
 * rate. Mexico: IVA and IEPS are charged, ISR is withheld, and IVA may be withheld too
 * (`withheld: true`).
 */
export type TaxType = 'IVA' | 'IGIC' | 'RE' | 'IRPF' | 'IEPS' | 'ISR';

/** Whose tax rules apply: the issuer's country (a Mexican tenant's address is in MX). */
export type Jurisdiction = 'ES' | 'MX';

/**
 * c_ObjetoImp, per line of a Mexican invoice: `01` not subject, `02` subject (taxes broken
 * down), `03` subject but not obliged to break them down, `04` subject, no tax caused.
 */
export type TaxObject = '01' | '02' | '03' | '04';

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
  /** Mexico: a withheld IVA (retención); ISR is always withheld. */
  withheld?: boolean;
  /** Mexico: IVA exento (TipoFactor Exento), with rate 0: a base but no amount. */
  exempt?: boolean;
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
  /** Mexico: SAT's c_ClaveProdServ, 8 digits. */
  satProductKey?: string;
  /** Mexico: SAT's c_ClaveUnidad, e.g. "H87" piece, "E48" service unit. */
  satUnitKey?: string;
  /** Mexico: c_ObjetoImp; "02" when the line carries taxes, "01" when it carries none. */
  taxObject?: TaxObject;
}

/** One tax applied to one line, as Facturae prints per line. */
export interface LineTaxAmount extends LineTax {
  /** The line's taxable base (its `net`; in Mexico IVA's base also holds the line's IEPS). */
  base: string;
  /**
   * base × rate, rounded to the currency's decimals (Spain: informative, totals come from the
   * breakdown rows; Mexico: CFDI's per-concept Importe, which the totals add up).
   */
  amount: string;
}

/** A line with what the engine computed. */
export interface ComputedLine extends LineInput {
  taxAmounts: LineTaxAmount[];
  /** quantity × unitPrice, unrounded (up to 8 decimals); Mexico: rounded to the currency. */
  gross: string;
  /** gross × discountRate / 100, up to 8 decimals; Mexico: rounded to the currency. */
  discount: string;
  /** gross − discount, rounded to the currency's decimals (half up): the line's taxable base. */
  net: string;
}

/** One row of the tax summary: all lines sharing a tax type, rate and exemption. */
export interface TaxBreakdownRow {
  type: TaxType;
  rate: string;
  exemption?: ExemptionCode;
  notSubject?: NotSubjectCode;
  /** Mexico: IVA exento (amount 0, printed without rate). */
  exempt?: boolean;
  /** Sum of the line bases, in the currency's decimals. */
  base: string;
  /**
   * Spain: base × rate, rounded once per row. Mexico: the sum of the lines' amounts (CFDI's
   * Impuestos summary adds up the concepts' Importe per Impuesto, TipoFactor and TasaOCuota).
   */
  amount: string;
  /** true for IRPF, ISR and withheld IVA. */
  withheld: boolean;
}

export interface Totals {
  /** Sum of line bases. */
  net: string;
  /** Sum of the non-withheld breakdown amounts (IVA, IGIC, RE, IEPS). */
  tax: string;
  /** Sum of the withheld breakdown amounts (IRPF, ISR, withheld IVA). */
  withheld: string;
  /** net + tax − withheld: what the customer pays. */
  total: string;
}

export interface Computation {
  lines: ComputedLine[];
  breakdown: TaxBreakdownRow[];
  totals: Totals;
}
