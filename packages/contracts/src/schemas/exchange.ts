import { INBOX_FORMATS } from '@sello/formats/facts';
import * as z from 'zod';
import { Instant, PageQuery, Problem } from './common.ts';
import { Address } from './customers.ts';
import { Invoice, PaymentInput, Totals } from './invoices.ts';
import { Amount, TaxInput } from './money.ts';

/** Schemas of the exchange area: the inbox of invoices to pay, and import for delivery. */

const IsoDate = z.iso.date().describe('YYYY-MM-DD');

export const InboxStatus = z
  .enum(['received', 'accepted', 'rejected', 'paid'])
  .describe('Where the invoice stands for its buyer');

export const InboxQuery = PageQuery.extend({
  issuerTaxId: z.string().trim().min(1).max(30).optional().describe("Only this issuer's invoices"),
  status: InboxStatus.optional(),
  from: IsoDate.optional().describe('Issue date from (inclusive)'),
  to: IsoDate.optional().describe('Issue date to (inclusive)'),
});

export const InboxParams = z.object({
  id: z
    .string()
    .min(5)
    .max(200)
    .regex(/^inb_[A-Za-z0-9_-]+$/, 'An inbox id (inb_…)'),
});

/** What a buyer downloads: the formats offered in the inbox, or an import's original. */
const InboxDocumentFormat = z.enum([...INBOX_FORMATS, 'original']);

export const InboxDocumentParams = InboxParams.extend({
  format: InboxDocumentFormat.describe(
    '`ubl`/`cii`: EN 16931 exports of an invoice issued here; `original`: the document as the issuer imported it, byte for byte',
  ),
});

export const InboxStatusInput = z
  .object({
    status: z
      .enum(['accepted', 'rejected', 'paid'])
      .describe('received → accepted | rejected; accepted → paid. Nothing else, and no way back.'),
    reason: z.string().trim().min(1).max(500).optional().describe('Required to reject'),
  })
  .strict()
  .meta({ id: 'InboxStatusInput' });

const InboxParty = z.object({
  taxId: z.string(),
  name: z.string(),
  email: z.string().optional(),
  address: Address,
});

export const InboxEntry = z
  .object({
    id: z.string().describe('Names issuer and invoice; use it on /v1/inbox/{id}'),
    status: InboxStatus,
    invoiceStatus: z
      .enum(['issued', 'sent', 'paid', 'cancelled', 'rectified'])
      .describe("The issuer's side of the invoice"),
    kind: z.enum(['standard', 'corrective']),
    origin: z
      .enum(['platform', 'import'])
      .describe("`import`: issued by the issuer's own system and delivered through Sello"),
    number: z.string().optional(),
    issueDate: IsoDate,
    dueDate: IsoDate.optional(),
    currency: z.literal('EUR'),
    issuer: InboxParty,
    customer: InboxParty,
    totals: Totals,
    documents: z.array(InboxDocumentFormat),
    receivedAt: Instant,
  })
  .meta({ id: 'InboxEntry' });

export const InboxInvoice = InboxEntry.extend({
  operationDate: IsoDate.optional(),
  lines: z.array(
    z.object({
      description: z.string(),
      quantity: z.string(),
      unitPrice: z.string(),
      discountRate: z.string().optional(),
      unit: z.string().optional(),
      taxes: z.array(TaxInput),
      net: z.string(),
    }),
  ),
  taxBreakdown: z.array(
    z.object({
      type: z.enum(['IVA', 'IGIC', 'RE', 'IRPF']),
      rate: z.string(),
      exemption: z.string().optional(),
      notSubject: z.string().optional(),
      base: Amount,
      amount: Amount,
      withheld: z.boolean(),
    }),
  ),
  payment: PaymentInput.optional(),
  notes: z.string().optional(),
  corrects: z
    .object({ number: z.string(), issueDate: IsoDate.optional(), reason: z.string().optional() })
    .optional()
    .describe('The invoice this corrective invoice corrects'),
  history: z
    .array(
      z.object({
        at: Instant,
        status: z.enum(['accepted', 'rejected', 'paid']),
        reason: z.string().optional(),
      }),
    )
    .describe("The buyer's status changes, oldest first"),
}).meta({ id: 'InboxInvoice' });

/** One document of a JSON import batch. */
export const ImportItemInput = z
  .object({
    filename: z.string().trim().min(1).max(255).optional(),
    xml: z
      .string()
      .min(1)
      .describe('The XML as text, or base64 of its bytes (keeps non-UTF-8 documents exact)'),
  })
  .strict();

export const ImportBatchInput = z
  .object({ items: z.array(ImportItemInput).min(1).max(50) })
  .strict()
  .meta({ id: 'ImportBatchInput' });

export const ImportItemResult = z
  .object({
    index: z.number().int().describe('Position in `items`'),
    filename: z.string().optional(),
    status: z.number().int().describe('201 imported, or the status this item alone would get'),
    invoice: Invoice.optional(),
    problem: Problem.optional(),
  })
  .meta({ id: 'ImportItemResult' });

export const ImportBatchResult = z
  .object({
    imported: z.number().int(),
    failed: z.number().int(),
    items: z.array(ImportItemResult),
  })
  .meta({ id: 'ImportBatchResult' });
