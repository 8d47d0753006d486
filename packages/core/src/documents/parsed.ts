import type { TaxType } from '../taxes/model.ts';

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
  /** The party's electronic address (UBL EndpointID, CII URIUniversalCommunication), as written. */
  endpoint?: { id: string; scheme?: string };
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
  /** VATEX or other exemption reason code (BT-121), when the format carries one. */
  exemptionCode?: string;
  /** Withheld from the amount due rather than charged (IRPF and Facturae TaxesWithheld). */
  withheld?: boolean;
}

/** A document-level allowance (discount) or charge (EN 16931 BG-20/BG-21, Facturae General*). */
export interface ParsedAllowanceCharge {
  charge: boolean;
  amount: string;
  reason?: string;
  /** The VAT category and rate it belongs to (BT-95/96, BT-102/103). */
  tax?: { category?: string; rate?: string };
}

export interface ParsedLine {
  id?: string;
  description: string;
  quantity: string;
  unitCode?: string;
  unitPrice: string;
  /** The quantity `unitPrice` is for (BT-149), when not 1. */
  baseQuantity?: string;
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
  /** BT-114, added to the payable amount to round it. */
  rounding?: string;
}

export interface ParsedInvoice {
  kind: 'invoice' | 'creditNote' | 'corrective';
  /**
   * The number as the document writes it (BT-1). Facturae keeps the series in its own element,
   * given in `series`; UBL and CII have no separate series.
   */
  number: string;
  series?: string;
  /** UNCL1001 type code (BT-3) for UBL/CII; InvoiceDocumentType + InvoiceClass for Facturae. */
  typeCode?: string;
  /** Specification identifier (BT-24, CustomizationID / guideline), when the format has one. */
  specification?: string;
  issueDate: string;
  dueDate?: string;
  currency: string;
  seller: ParsedParty;
  buyer: ParsedParty;
  lines: ParsedLine[];
  breakdown: ParsedTax[];
  /** Document-level allowances and charges, in document order (empty when none). */
  allowanceCharges?: ParsedAllowanceCharge[];
  totals: ParsedTotals;
  notes?: string;
  /** The invoice a credit note or corrective invoice refers to. */
  preceding?: { number: string; issueDate?: string; series?: string; reason?: string };
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
  /**
   * Every invoice of a Facturae batch (Modality "L"), the first being `invoice`; absent when the
   * document holds one invoice.
   */
  invoices?: ParsedInvoice[];
}
