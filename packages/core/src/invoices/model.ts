import type { CentreSnapshot } from '../centres/model.ts';
import type { ClaimReference } from '../claims/model.ts';
import type { Forwarding } from '../connectors/model.ts';
import type { Dir3Units } from '../customers/dir3.ts';
import type { ExchangeFields } from '../exchange/model.ts';
import type { Address, Language } from '../parties/party.ts';
import type { PersonType, TaxIdKind } from '../parties/tax-id.ts';
import type { ComputedLine, TaxBreakdownRow, Totals } from '../taxes/model.ts';

/**
 * The invoice as the domain sees it. Money and quantities are decimal strings ("12.50"); every
 * computed amount is produced by the tax engine (`computeInvoice`, with its vocabulary in
 * ../taxes/model.ts) and frozen at issue, so formats (Facturae, UBL, PDF) print exactly what was
 * calculated and never recompute.
 */

/** A party as printed on the invoice, frozen when the invoice is issued. */
export interface PartySnapshot {
  taxId: string;
  taxIdKind: TaxIdKind;
  personType: PersonType;
  name: string;
  email?: string;
  address: Address;
  /** Mexico: SAT's c_RegimenFiscal of the issuer (Emisor) or of a Mexican buyer (Receptor). */
  taxRegime?: string;
  /** Mexico, the issuer only: postal code of the place of issue (LugarExpedicion). */
  expeditionPostalCode?: string;
  /** A Spanish public administration buyer: its DIR3 units (Facturae AdministrativeCentres). */
  dir3?: Dir3Units;
}

export type PaymentMeans = 'transfer' | 'directDebit' | 'card' | 'cash' | 'other';

/**
 * SAT's c_FormaPago of each payment means: cash 01, transfer 03, card 04 (tarjeta de crédito: the
 * means does not say credit or debit), direct debit 03 (a domiciliación is an electronic funds
 * transfer; c_FormaPago has no own key for it), other or unknown 99 "por definir".
 */
export const SAT_FORMA_PAGO: Readonly<Record<PaymentMeans, string>> = {
  cash: '01',
  transfer: '03',
  card: '04',
  directDebit: '03',
  other: '99',
};

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
  /** Mexico: the original's fiscal folio (its stamp's UUID), which the CFDI egreso relates to. */
  originalUuid?: string;
}

export interface InvoiceEvent {
  at: string;
  type: string;
  detail?: Record<string, unknown>;
}

/**
 * A Mexican invoice's life as a CFDI. Numbering and stamping are two steps: the number is
 * committed first (gapless, as every series), then the sealed CFDI goes to the PAC. Until it is
 * stamped the invoice has no fiscal existence, so a refusal keeps the folio with this invoice and
 * it is stamped again once corrected; never a new number, never a burnt folio.
 */
export interface CfdiState {
  /**
   * `pending`: numbered, not stamped yet (the PAC was not reached; retried after issue);
   * `refused`: the PAC refused it, see `refusal`; `stamped`: it has its fiscal folio (`uuid`).
   */
  status: 'pending' | 'refused' | 'stamped';
  uuid?: string;
  /** `FechaTimbrado` as the stamp says it (Mexico's central time, no offset). */
  stampedAt?: string;
  refusal?: { code: string; message: string; at: string };
  /** SAT's cancellation, once asked for. */
  cancellation?: {
    reason: '01' | '02' | '03' | '04';
    substitute?: string;
    status: 'cancelled' | 'pending';
    at: string;
  };
}

/**
 * Where a document came from when not typed in by a user: an automatic task's occurrence, or a
 * customer's invoicing policy.
 */
export type DocumentSource = TaskSource | PolicySource;

export interface TaskSource {
  taskId: string;
  /** The scheduled time of the occurrence (ISO instant): the run's idempotency key. */
  occurrence: string;
}

/**
 * An invoice of a customer's invoicing policy (`policy` is the customer's id): the period closed
 * by `occurrence`, or, for a `perDeposit` policy, the deposit `depositId`.
 */
export interface PolicySource {
  policy: string;
  occurrence?: string;
  depositId?: string;
}

/**
 * A simplified invoice (a sales ticket) that a complete invoice replaces, at its buyer's request
 * (RD 1619/2012 art. 7.2 / 15): the complete invoice is VERI*FACTU TipoFactura F3 and names it.
 */
export interface SubstitutedInvoice {
  /** The simplified invoice's series and number as the till printed them (the ticket reference). */
  number: string;
  /** Its issue date, YYYY-MM-DD. */
  issueDate: string;
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
  /** ISO 4217 alphabetic code; amounts carry its minor unit's decimals (EUR 2, JPY 0). */
  currency: string;
  /**
   * Units of the tenant's accounting currency (EUR in Spain, MXN in Mexico) one unit of
   * `currency` is worth, e.g. "17.2345" for USD on a Mexican invoice. Present exactly when the
   * invoice is not in the accounting currency.
   */
  exchangeRate?: string;
  /** Mexico: the buyer's c_UsoCFDI, e.g. "G03" gastos en general. */
  cfdiUse?: string;
  language: Language;
  issuer: PartySnapshot;
  customer: PartySnapshot;
  lines: ComputedLine[];
  breakdown: TaxBreakdownRow[];
  totals: Totals;
  payment?: PaymentTerms;
  notes?: string;
  corrective?: CorrectiveData;
  /** The simplified invoices (tickets) this complete invoice replaces (self-invoicing). */
  substitutes?: SubstitutedInvoice[];
  /**
   * The prepaid deposits this invoice bills (their ids), one line each or one grouped line. Issuing
   * marks them invoiced in the numbering transaction; cancelling gives them back.
   */
  deposits?: string[];
  /** A draft of a split: the invoice that bills its deposits until it is issued and takes them. */
  depositsFrom?: string;
  source?: DocumentSource;
  /** The work centre it was made at: its address is printed, its series used by default. */
  centre?: CentreSnapshot;
  /** An invoice billed from a claim file: the claim it names (workshop → insurer billing). */
  claim?: ClaimReference;
  /** Its delivery through each connector it was forwarded by (FACe, an insurer's platform). */
  forwarding?: Forwarding[];
  /** Mexican invoices: the CFDI's stamp (absent on drafts and on other countries' invoices). */
  cfdi?: CfdiState;
  events: InvoiceEvent[];
  version: number;
  createdAt: string;
  updatedAt: string;
  issuedAt?: string;
}
