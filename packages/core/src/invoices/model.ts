import type { ExchangeFields } from '../exchange/model.ts';
import type { Address, Language } from '../parties/party.ts';
import type { PersonType, TaxIdKind } from '../parties/tax-id.ts';

/**
 * The invoice as the domain sees it. Money and quantities are decimal strings ("12.50"); every
 * computed amount is produced by the tax engine (`computeInvoice`) and frozen at issue, so formats
 * (Facturae, UBL, PDF) print exactly what was calculated and never recompute.
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

/** A party as printed on the invoice, frozen when the invoice is issued. */
export interface PartySnapshot {
  taxId: string;
  taxIdKind: TaxIdKind;
  personType: PersonType;
  name: string;
  email?: string;
  address: Address;
}

export type PaymentMeans = 'transfer' | 'directDebit' | 'card' | 'cash' | 'other';

export interface PaymentTerms {
  means: PaymentMeans;
  dueDate?: string;
  iban?: string;
  /** Free text printed on the invoice, e.g. "30 días fecha factura". */
  terms?: string;
}

export type InvoiceStatus =
  | 'draft'
  | 'issued'
  | 'sent'
  | 'paid'
  | 'cancelled'
  | 'rectified'
  | 'void';

/** Facturae CorrectionMethod: 01 full substitution, 02 differences. */
export type CorrectionMethod = 'substitution' | 'differences';

export interface CorrectiveData {
  /** The invoice being corrected. */
  originalId: string;
  originalNumber: string;
  originalSeries: string;
  originalIssueDate: string;
  /** Facturae ReasonCode 01–85 (e.g. "01" invoice number, "16" taxable base). */
  reasonCode: string;
  reasonDescription: string;
  method: CorrectionMethod;
  /** Tax period the original belongs to, inclusive dates. */
  period: { start: string; end: string };
}

export interface InvoiceEvent {
  at: string;
  type: string;
  detail?: Record<string, unknown>;
}

/** Where a document came from when not typed in by a user: an automatic task's occurrence. */
export interface DocumentSource {
  taskId: string;
  /** The scheduled time of the occurrence (ISO instant): the run's idempotency key. */
  occurrence: string;
}

/** An invoice; `ExchangeFields` say how it reached its buyer (imported) and the buyer's word. */
export interface Invoice extends ExchangeFields {
  id: string;
  tenantId: string;
  status: InvoiceStatus;
  kind: 'standard' | 'corrective';
  customerId: string;
  /** Series code (e.g. "A", "R"); the number is given at issue only. */
  series: string;
  number?: string;
  /** Position in the series (1, 2, …), gapless. */
  sequence?: number;
  /**
   * The invoice date. A draft shows the day it was last saved unless the client fixed a date
   * (`issueDateFixed`); issuing sets an unfixed date to the day of issue (tenant time zone).
   */
  issueDate: string;
  issueDateFixed?: boolean;
  operationDate?: string;
  currency: 'EUR';
  language: Language;
  issuer: PartySnapshot;
  customer: PartySnapshot;
  lines: ComputedLine[];
  breakdown: TaxBreakdownRow[];
  totals: Totals;
  payment?: PaymentTerms;
  notes?: string;
  corrective?: CorrectiveData;
  source?: DocumentSource;
  events: InvoiceEvent[];
  version: number;
  createdAt: string;
  updatedAt: string;
  issuedAt?: string;
}
