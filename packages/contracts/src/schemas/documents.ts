import { READABLE_FORMATS } from '@sello/formats/facts';
import * as z from 'zod';

/**
 * Schemas of the documents area: an e-invoice read from XML (Facturae 3.2.x, UBL 2.1, CII D16B)
 * and what its checks found. Amounts are decimal strings exactly as the document writes them
 * ("4900.0", "1436.5"), never recomputed or reformatted.
 */

const AsWritten = z.string().describe('A decimal exactly as the document writes it');

export const ParsedParty = z
  .object({
    taxId: z.string().describe('Upper case without separators; EU VAT ids keep their prefix'),
    name: z.string(),
    countryCode: z.string().optional().describe('ISO 3166-1 alpha-2'),
    address: z
      .object({
        street: z.string().optional(),
        city: z.string().optional(),
        postalCode: z.string().optional(),
        province: z.string().optional(),
        countryCode: z.string().optional(),
      })
      .optional(),
    email: z.string().optional(),
    endpoint: z
      .object({ id: z.string(), scheme: z.string().optional() })
      .optional()
      .describe('Electronic address (UBL EndpointID, CII URIUniversalCommunication)'),
  })
  .meta({ id: 'ParsedParty' });

export const ParsedTax = z
  .object({
    type: z
      .enum(['IVA', 'IGIC', 'RE', 'IRPF', 'VAT', 'OTHER'])
      .describe('Spanish tax kinds where recognisable; VAT for a foreign VAT'),
    rate: z.string().describe('Percent as written; empty when the document gives none'),
    category: z.string().optional().describe('UNCL5305 VAT category (S, Z, E, AE, K, G, O, L, M)'),
    base: AsWritten.optional(),
    amount: AsWritten.optional(),
    exemptionReason: z.string().optional(),
    exemptionCode: z.string().optional(),
    withheld: z.boolean().optional().describe('Withheld from the amount due (IRPF)'),
  })
  .meta({ id: 'ParsedTax' });

export const ParsedLine = z
  .object({
    id: z.string().optional(),
    description: z.string(),
    quantity: AsWritten,
    unitCode: z.string().optional(),
    unitPrice: AsWritten,
    baseQuantity: AsWritten.optional().describe('The quantity the unit price is for'),
    net: AsWritten.describe('Line net amount'),
    taxes: z.array(ParsedTax),
  })
  .meta({ id: 'ParsedLine' });

export const ParsedTotals = z
  .object({
    lineNet: AsWritten.describe('Sum of line nets (BT-106, TotalGrossAmount)'),
    net: AsWritten.describe('Taxable base after document allowances and charges (BT-109)'),
    tax: AsWritten.describe('Taxes charged (BT-110, TotalTaxOutputs)'),
    withheld: AsWritten.describe('Taxes withheld (IRPF); "0.00" when none'),
    total: AsWritten.describe('Total with taxes (BT-112, InvoiceTotal)'),
    payable: AsWritten.describe('Amount due (BT-115, TotalExecutableAmount)'),
    allowances: AsWritten.optional(),
    charges: AsWritten.optional(),
    prepaid: AsWritten.optional(),
    rounding: AsWritten.optional(),
  })
  .meta({ id: 'ParsedTotals' });

export const ParsedInvoice = z
  .object({
    kind: z.enum(['invoice', 'creditNote', 'corrective']),
    number: z.string(),
    series: z.string().optional().describe('Facturae InvoiceSeriesCode'),
    typeCode: z.string().optional(),
    specification: z.string().optional().describe('BT-24 specification identifier'),
    issueDate: z.string(),
    dueDate: z.string().optional(),
    currency: z.string(),
    seller: ParsedParty,
    buyer: ParsedParty,
    lines: z.array(ParsedLine),
    breakdown: z.array(ParsedTax),
    allowanceCharges: z
      .array(
        z.object({
          charge: z.boolean(),
          amount: AsWritten,
          reason: z.string().optional(),
          tax: z
            .object({ category: z.string().optional(), rate: z.string().optional() })
            .optional(),
        }),
      )
      .optional(),
    totals: ParsedTotals,
    notes: z.string().optional(),
    preceding: z
      .object({
        number: z.string(),
        issueDate: z.string().optional(),
        series: z.string().optional(),
        reason: z.string().optional(),
      })
      .optional()
      .describe('The invoice a credit note or corrective invoice refers to'),
    payment: z
      .object({
        means: z.string().optional(),
        iban: z.string().optional(),
        dueDate: z.string().optional(),
      })
      .optional(),
  })
  .meta({ id: 'ParsedInvoice' });

export const ValidationIssue = z
  .object({
    severity: z.enum(['error', 'warning']),
    message: z.string(),
    path: z.string().optional().describe('An XPath-like location, or a path in `invoice`'),
    rule: z
      .string()
      .optional()
      .describe(
        'EN 16931 rule id (BR-…) where the check is that rule; otherwise AMOUNT, DATE, CURRENCY, REQUIRED, ES-TAXID, SIGNATURE or FACTURAE-…',
      ),
  })
  .meta({ id: 'ValidationIssue' });

export const SignatureReport = z
  .object({
    valid: z
      .boolean()
      .describe(
        'The XAdES signature value, its references and signed properties check out with the certificate it carries; whether that certificate is trusted is not judged',
      ),
    signer: z
      .object({
        subject: z.string(),
        issuer: z.string(),
        serialNumber: z.string().describe('Decimal'),
        notBefore: z.string(),
        notAfter: z.string(),
      })
      .optional(),
    signingTime: z.string().optional(),
    errors: z.array(z.string()).optional(),
  })
  .meta({ id: 'SignatureReport' });

export const DocumentValidation = z
  .object({
    format: z.enum(READABLE_FORMATS),
    version: z.string().optional().describe('"3.2.2", "2.1", "D16B"…'),
    valid: z.boolean().describe('No error among `errors` (a bad signature is one)'),
    errors: z.array(ValidationIssue).describe('Errors and warnings, in document order of checks'),
    signature: SignatureReport.optional().describe('Only for a signed Facturae'),
    invoice: ParsedInvoice.optional(),
    invoices: z
      .array(ParsedInvoice)
      .optional()
      .describe('Every invoice of a Facturae batch; `invoice` is the first'),
  })
  .meta({ id: 'DocumentValidation' });
