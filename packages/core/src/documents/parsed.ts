import type { TaxType } from '../invoices/model.ts';

/**
 * An e-invoice read from someone else's XML (Facturae 3.2.x, UBL 2.1, CII D16B): what it says,
 * with amounts as decimal strings exactly as the document states them. Nothing is recomputed
 * here; checks compare these figures with each other.
 */
export type XmlInvoiceFormat = 'facturae' | 'ubl' | 'cii';

export interface ParsedParty {
  /** As written, normalised to upper case without separators; EU VAT ids keep their prefix. */
  taxId: string;
  name: string;
  /** ISO 3166-1 alpha-2. */
  countryCode?: string;
  address?: {
    street?: string;
    city?: string;
    postalCode?: string;
    province?: string;
    countryCode?: string;
  };
  email?: string;
}

export interface ParsedTax {
  /** Spanish tax kinds where recognisable; `VAT` for a foreign VAT, `OTHER` otherwise. */
  type: TaxType | 'VAT' | 'OTHER';
  /** Percent as written ("21", "21.00"). */
  rate: string;
  /** UNCL5305 VAT category (S, Z, E, AE, K, G, O, L, M) when the format carries one. */
  category?: string;
  base?: string;
  amount?: string;
  exemptionReason?: string;
}

export interface ParsedLine {
  id?: string;
  description: string;
  quantity: string;
  unitCode?: string;
  unitPrice: string;
  /** Line net amount as stated. */
  net: string;
  taxes: ParsedTax[];
}

export interface ParsedTotals {
  /** Sum of line nets (BT-106 / TotalGrossAmountBeforeTaxes). */
  lineNet: string;
  /** Taxable base after document-level allowances and charges (BT-109). */
  net: string;
  /** Taxes charged (BT-110 / TotalTaxOutputs). */
  tax: string;
  /** Taxes withheld (IRPF; Facturae TotalTaxesWithheld); "0.00" when none. */
  withheld: string;
  /** Invoice total with taxes (BT-112 / InvoiceTotal). */
  total: string;
  /** Amount due (BT-115 / TotalExecutableAmount). */
  payable: string;
  allowances?: string;
  charges?: string;
  prepaid?: string;
}

export interface ParsedInvoice {
  kind: 'invoice' | 'creditNote' | 'corrective';
  /** Full number as printed (series prefix included). */
  number: string;
  series?: string;
  issueDate: string;
  dueDate?: string;
  currency: string;
  seller: ParsedParty;
  buyer: ParsedParty;
  lines: ParsedLine[];
  breakdown: ParsedTax[];
  totals: ParsedTotals;
  notes?: string;
  /** The invoice a credit note or corrective invoice refers to. */
  preceding?: { number: string; issueDate?: string };
  payment?: { means?: string; iban?: string; dueDate?: string };
}

export interface ValidationIssue {
  severity: 'error' | 'warning';
  message: string;
  /** Where in the document (an XPath-like location) or in the model. */
  path?: string;
  /** The rule id (e.g. "BR-CO-15", "xsd", "totals") when one applies. */
  rule?: string;
}

export interface SignatureReport {
  valid: boolean;
  /** The signer's certificate as the signature carries it. */
  signer?: {
    subject: string;
    issuer: string;
    serialNumber: string;
    notBefore: string;
    notAfter: string;
  };
  signingTime?: string;
  errors?: string[];
}

export interface ParsedDocument {
  format: XmlInvoiceFormat;
  /** e.g. "3.2.2", "2.1", "D16B". */
  version?: string;
  valid: boolean;
  errors: ValidationIssue[];
  signature?: SignatureReport;
  /** Absent when the document could not be read far enough to build one. */
  invoice?: ParsedInvoice;
}
