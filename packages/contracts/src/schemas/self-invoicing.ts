import * as z from 'zod';
import { xmlText } from './common.ts';
import { Amount } from './money.ts';
import { TicketReference } from './tickets.ts';

export const CompanyNumberParams = z.object({
  companyNumber: z.string().trim().min(1).max(40).describe('The number printed on the ticket'),
});

export const PublicCompany = z
  .object({
    companyNumber: z.string(),
    name: z.string(),
    taxId: z.string(),
    country: z.string(),
    jurisdiction: z.enum(['ES', 'MX']),
    available: z
      .boolean()
      .describe('false while invoices cannot be issued here yet (Mexican companies, until CFDI)'),
    limit: z.object({
      kind: z.enum(['naturalMonth', 'days', 'none']),
      days: z.number().optional(),
    }),
    afterLimit: z.enum(['refuse', 'request']),
    fields: z.array(z.string()).describe('What the buyer types, as paths of the request body'),
  })
  .meta({ id: 'PublicCompany' });

export const BuyerInput = z
  .object({
    taxId: z.string().trim().min(1).max(30).describe('NIF/NIE/CIF, EU VAT number, or RFC'),
    name: xmlText(z.string().trim().min(1).max(200)).describe('As in the tax registry'),
    postalCode: z.string().trim().min(1).max(20),
    taxRegime: z
      .string()
      .regex(/^\d{3}$/, "SAT's c_RegimenFiscal, 3 digits")
      .optional()
      .describe('Mexican buyers: régimen fiscal'),
    cfdiUse: z
      .string()
      .regex(/^[A-Z0-9]{3,4}$/, "SAT's c_UsoCFDI, e.g. G03")
      .optional()
      .describe('Mexican buyers: uso del CFDI'),
    address: z
      .object({
        line1: xmlText(z.string().trim().min(1).max(200)),
        city: xmlText(z.string().trim().min(1).max(100)),
        province: xmlText(z.string().trim().max(100)).optional(),
        country: z
          .string()
          .regex(/^[A-Z]{2}$/, 'An ISO 3166-1 alpha-2 code such as ES')
          .optional()
          .describe('Default ES'),
      })
      .strict()
      .optional()
      .describe('Spanish companies: required (a complete invoice carries it)'),
  })
  .strict()
  .meta({ id: 'BuyerInput' });

export const RedemptionInput = z
  .object({
    reference: TicketReference,
    total: Amount.describe('The ticket total as printed, e.g. "12.10"'),
    buyer: BuyerInput,
    email: z.email().max(254).describe('Where the invoice is sent'),
  })
  .strict()
  .meta({ id: 'RedemptionInput' });

export const Redemption = z
  .object({
    invoiceId: z.string(),
    number: z.string(),
    uuid: z.string().optional().describe('Mexican CFDI: the stamp’s UUID'),
    documents: z.object({
      xml: z.string().describe('Absolute link to the XML (Facturae or CFDI), valid for 7 days'),
      pdf: z.string().describe('Absolute link to the PDF, valid for 7 days'),
    }),
  })
  .meta({ id: 'Redemption' });

export const LateRequestAnswer = z
  .object({
    status: z.literal('requested'),
    requestedAt: z.string(),
    lastDay: z.string().describe('The last day the ticket could be invoiced on this page'),
  })
  .meta({ id: 'LateRequestAnswer' });

export const DocumentTokenParams = z.object({
  token: z
    .string()
    .regex(/^[A-Za-z0-9_-]{43}$/, 'Not a document link')
    .describe('From the links of a self-invoicing answer'),
});

/** What `sendSelfInvoice` is handed: the invoice and the buyer's address. */
export const SelfInvoiceDelivery = z
  .object({
    tenantId: z.string().min(1).max(64),
    invoiceId: z.string().min(1).max(64),
    email: z.email().max(254),
  })
  .strict();
