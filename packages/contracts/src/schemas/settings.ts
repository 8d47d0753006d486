import * as z from 'zod';
import { Instant, xmlText } from './common.ts';
import { DepositTreatment } from './deposit-treatment.ts';

const Iban = z
  .string()
  .max(50)
  .describe('IBAN, checked with its mod-97 check digits; spaces are ignored');
const Bic = z
  .string()
  .transform((s) => s.replace(/\s+/g, '').toUpperCase())
  .pipe(
    z
      .string()
      .regex(/^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/, 'Not a BIC (8 or 11 characters)'),
  )
  .describe('BIC / SWIFT code of the bank');
const Terms = xmlText(z.string().trim().min(1).max(200)).describe(
  'Printed on invoices, e.g. "30 días fecha factura"',
);
const AccentColor = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'A colour as #RRGGBB')
  .describe('Accent colour of PDF documents, #RRGGBB');
const Footer = z.string().trim().min(1).max(500).describe('Text printed at the foot of documents');

/** The number printed on tickets that names the company on the public self-invoicing page. */
export const CompanyNumber = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9](?:[A-Za-z0-9-]{1,18})[A-Za-z0-9]$/, '3 to 20 letters, digits or dashes')
  .describe('Printed on tickets; unique across companies; compared in upper case');

const SelfInvoicingLimit = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('naturalMonth') }).strict(),
    z.object({ kind: z.literal('days'), days: z.number().int().min(1).max(366) }).strict(),
    z.object({ kind: z.literal('none') }).strict(),
  ])
  .describe(
    "Until when a ticket may be invoiced: the natural month of the sale (tenant's time zone), " +
      'N days after it, or at any time',
  )
  .meta({ id: 'SelfInvoicingLimit' });

const SelfInvoicingConcept = z
  .object({
    description: xmlText(z.string().trim().min(1).max(500)),
    satProductKey: z
      .string()
      .regex(/^\d{8}$/, 'A c_ClaveProdServ key: 8 digits')
      .optional()
      .describe("Mexican tenants: SAT's c_ClaveProdServ of the concept"),
    satUnitKey: z
      .string()
      .regex(/^[A-Z0-9]{2,3}$/, 'A c_ClaveUnidad key such as E48')
      .optional()
      .describe("Mexican tenants: SAT's c_ClaveUnidad of the concept"),
  })
  .strict()
  .describe('One generic concept on every self-invoiced invoice, instead of the ticket lines')
  .meta({ id: 'SelfInvoicingConcept' });

const AfterLimit = z
  .enum(['refuse', 'request'])
  .describe('After the limit: refuse, or record a late request for the company to approve');

export const SelfInvoicingSettings = z
  .object({
    enabled: z.boolean(),
    companyNumber: z.string(),
    limit: SelfInvoicingLimit,
    afterLimit: AfterLimit,
    concept: SelfInvoicingConcept.optional(),
    seriesId: z.string().optional().describe('Series of the invoices; the default otherwise'),
  })
  .meta({ id: 'SelfInvoicingSettings' });

export const SelfInvoicingPatch = z
  .object({
    enabled: z.boolean().optional(),
    companyNumber: CompanyNumber.optional(),
    limit: SelfInvoicingLimit.optional(),
    afterLimit: AfterLimit.optional(),
    concept: SelfInvoicingConcept.nullable().optional(),
    seriesId: z.string().trim().min(1).max(20).nullable().optional(),
  })
  .strict()
  .describe('Merge patch of the section; setting it up for the first time needs `companyNumber`')
  .meta({ id: 'SelfInvoicingPatch' });

export const Logo = z
  .object({
    contentType: z.enum(['image/png', 'image/jpeg']),
    width: z.number().int().describe('Pixels'),
    height: z.number().int().describe('Pixels'),
    size: z.number().int().describe('Bytes'),
    sha256: z.string().describe('Of the image bytes, hex: changes with every new logo'),
    uploadedAt: Instant,
  })
  .meta({ id: 'Logo' });

export const Settings = z
  .object({
    notifications: z.object({
      recipientsOnIssue: z
        .boolean()
        .describe(
          "E-mail each invoice's customer when it is issued (with a registration link if it has no account)",
        ),
    }),
    payment: z
      .object({
        iban: z.string().optional(),
        bic: z.string().optional(),
        terms: z.string().optional(),
      })
      .optional()
      .describe('Defaults for the payment terms of new drafts'),
    branding: z
      .object({
        accentColor: z.string().optional(),
        footer: z.string().optional(),
        logo: Logo.optional().describe(
          'Present while a logo is set (`PUT /v1/settings/logo`); its image is `GET /v1/settings/logo`',
        ),
      })
      .optional(),
    selfInvoicing: SelfInvoicingSettings.optional().describe(
      'The public self-invoicing page for sales tickets (`/f/{companyNumber}`)',
    ),
    deposits: DepositTreatment.optional().describe(
      "How prepaid deposits are invoiced; a customer's `depositTreatment` overrides it",
    ),
    support: z
      .object({ email: z.string() })
      .optional()
      .describe(
        "Where customers' change requests are mailed (the tenant's own address when unset)",
      ),
    version: z.number().int().describe('0 until the settings are first changed; `ETag` carries it'),
    updatedAt: Instant.optional(),
  })
  .meta({ id: 'Settings' });

export const SettingsPatch = z
  .object({
    notifications: z.object({ recipientsOnIssue: z.boolean().optional() }).strict().optional(),
    payment: z
      .object({
        iban: Iban.nullable().optional(),
        bic: Bic.nullable().optional(),
        terms: Terms.nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    branding: z
      .object({
        accentColor: AccentColor.nullable().optional(),
        footer: Footer.nullable().optional(),
      })
      .strict()
      .nullable()
      .optional(),
    selfInvoicing: SelfInvoicingPatch.nullable()
      .optional()
      .describe('`null` turns self-invoicing off and frees the company number'),
    deposits: DepositTreatment.nullable()
      .optional()
      .describe('Replaces the deposit treatment as a whole; `null` goes back to the default'),
    support: z
      .object({
        email: z
          .email('An e-mail address')
          .max(254)
          .nullable()
          .optional()
          .describe("The support mailbox change requests go to; `null`: the tenant's address"),
      })
      .strict()
      .nullable()
      .optional(),
  })
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: 'Give at least one field to change',
    when: (payload) => payload.issues.length === 0,
  })
  .describe('JSON merge patch: absent fields stay as they are, `null` removes a field or section')
  .meta({ id: 'SettingsPatch' });
