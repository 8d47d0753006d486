import * as z from 'zod';
import { Instant, PageQuery, xmlText } from './common.ts';
import { CurrencyCode } from './currency.ts';
import { Amount, Percent, Quantity, TaxInput, UnitPrice } from './money.ts';

/** What the till printed as the ticket's number: what the buyer types on the self-invoicing page. */
export const TicketReference = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .regex(/^[\p{L}\p{N} ._\-/#]+$/u, 'Letters, digits, spaces and . _ - / # only')
  .describe('The ticket number printed on it; unique per tenant');

/** A sale instant: ISO 8601 with seconds and the offset of the till's clock (Z for UTC). */
export const SaleInstant = z.iso
  .datetime({ offset: true })
  .describe('The sale instant with its time zone offset, e.g. 2026-12-07T10:15:00+01:00');

/** A SAT catalogue key (c_ClaveProdServ 8 digits, c_ClaveUnidad 2–3 characters). */
const SatProductKey = z
  .string()
  .regex(/^\d{8}$/, 'A c_ClaveProdServ key: 8 digits')
  .describe("SAT's c_ClaveProdServ (Mexican tenants)");
const SatUnitKey = z
  .string()
  .regex(/^[A-Z0-9]{2,3}$/, 'A c_ClaveUnidad key such as H87 or E48')
  .describe("SAT's c_ClaveUnidad (Mexican tenants)");

export const TicketTaxRow = z
  .object({
    type: TaxInput.shape.type,
    rate: Percent,
    base: Amount.describe('Taxable base of this tax and rate'),
    amount: Amount.describe('Its quota: base × rate / 100, rounded half up to the cent'),
    exemption: TaxInput.shape.exemption,
    notSubject: TaxInput.shape.notSubject,
  })
  .strict()
  .meta({ id: 'TicketTaxRow' });

export const TicketLine = z
  .object({
    description: xmlText(z.string().trim().min(1).max(1000)),
    quantity: Quantity,
    unitPrice: UnitPrice,
    discountRate: Percent.optional(),
    taxes: z.array(TaxInput).min(1).max(3),
    satProductKey: SatProductKey.optional(),
    satUnitKey: SatUnitKey.optional(),
  })
  .strict()
  .meta({ id: 'TicketLine' });

export const TicketInput = z
  .object({
    reference: TicketReference,
    date: SaleInstant,
    total: Amount.describe('What the buyer paid, taxes included'),
    currency: CurrencyCode,
    taxes: z
      .array(TicketTaxRow)
      .min(1)
      .max(12)
      .optional()
      .describe('The tax breakdown; its bases and quotas add up to `total`'),
    lines: z
      .array(TicketLine)
      .min(1)
      .max(200)
      .optional()
      .describe("The ticket's lines; computed by Sello's tax engine they give `total`"),
    store: xmlText(z.string().trim().min(1).max(60)).optional().describe('Store or till'),
    paymentMeans: z
      .enum(['cash', 'card', 'transfer', 'directDebit', 'other'])
      .optional()
      .describe(
        "How the buyer paid. Mexico: the factura global's FormaPago is that of its largest sale " +
          '(cash when not given)',
      ),
  })
  .strict()
  .meta({ id: 'TicketInput' });

export const TicketBatch = z
  .object({ tickets: z.array(TicketInput).min(1).max(1000) })
  .strict()
  .meta({ id: 'TicketBatch' });

export const TicketImport = z
  .union([TicketBatch, TicketInput])
  .describe(
    'One ticket, or `{tickets: […]}` with up to 1,000. Idempotent by reference: a reference ' +
      'already imported with the same content is answered as it is; with other content, 409.',
  );

export const TICKET_STATUSES = ['open', 'invoiced', 'global'] as const;

export const Ticket = TicketInput.extend({
  id: z.string().describe('`tkt_` and the reference, base64url: the same reference, the same id'),
  status: z
    .enum(TICKET_STATUSES)
    .describe('open; invoiced (by its buyer: `invoiceId`); global (in `globalInvoiceId`)'),
  invoiceId: z.string().optional(),
  globalInvoiceId: z.string().optional(),
  lateRequest: z
    .object({
      requestedAt: Instant,
      buyer: z.object({ taxId: z.string(), name: z.string() }),
      email: z.string(),
    })
    .optional()
    .describe("A buyer's request past the limit, awaiting approval"),
  declinedLateRequest: z
    .object({
      requestedAt: Instant,
      buyer: z.object({ taxId: z.string(), name: z.string() }),
      email: z.string(),
      declinedAt: Instant,
      reason: z.string(),
    })
    .optional()
    .describe('The last late request the company declined, and why (the buyer was told)'),
  createdAt: Instant,
  updatedAt: Instant,
})
  .strip()
  .meta({ id: 'Ticket' });

export const TicketImportResult = z
  .object({
    created: z.number().int().describe('Tickets written by this request'),
    existing: z.number().int().describe('Tickets already there with the same content'),
    items: z.array(
      z.object({
        id: z.string(),
        reference: z.string(),
        status: z.enum(TICKET_STATUSES),
        created: z.boolean(),
      }),
    ),
  })
  .meta({ id: 'TicketImportResult' });

export const TicketListQuery = PageQuery.extend({
  lateRequest: z.literal('pending').optional().describe('Only tickets with a late request'),
  status: z.enum(TICKET_STATUSES).optional(),
  store: z.string().trim().min(1).max(60).optional(),
  reference: z.string().trim().min(1).max(60).optional(),
  from: z.iso.date().optional().describe('Sold on or after this day (UTC), YYYY-MM-DD'),
  to: z.iso.date().optional().describe('Sold on or before this day (UTC), YYYY-MM-DD'),
});

export const TicketIdParams = z.object({ id: z.string().min(5).max(100) });

export const DeclineLateRequestInput = z
  .object({
    reason: xmlText(z.string().trim().min(1).max(500)).describe(
      'Why, as the buyer reads it in the mail that tells them',
    ),
  })
  .strict()
  .meta({ id: 'DeclineLateRequestInput' });
