import {
  CLAIM_DOCUMENT_KINDS,
  CLAIM_STATUSES,
  LABOUR_CATEGORIES,
  VALUATION_LINE_KINDS,
} from '@sello/core/claims';
import * as z from 'zod';
import { Instant, PageQuery, xmlText } from './common.ts';
import { CurrencyCode } from './currency.ts';
import { Amount, decimalString, Percent, Quantity, TaxInput, UnitPrice } from './money.ts';

const ClaimNumber = xmlText(z.string().trim().min(1).max(50)).describe(
  "The insurer's claim number (número de siniestro), unique per insurer; what the insurer matches invoices on",
);
const PolicyNumber = xmlText(z.string().trim().min(1).max(50));
const NonNegativeAmount = decimalString(2, 'Zero or more, taxes included').refine(
  (s) => !s.startsWith('-'),
  'Zero or more',
);

export const Vehicle = z
  .object({
    plate: z
      .string()
      .min(2)
      .max(20)
      .describe('Registration plate; stored upper case without spaces or dashes, e.g. 1234BCD'),
    vin: z
      .string()
      .max(20)
      .optional()
      .describe('17 characters (ISO 3779), without I, O or Q; stored upper case'),
    make: xmlText(z.string().trim().min(1).max(60)).optional(),
    model: xmlText(z.string().trim().min(1).max(60)).optional(),
  })
  .strict()
  .meta({ id: 'Vehicle' });

export const ClaimInput = z
  .object({
    claimNumber: ClaimNumber,
    insurerId: z.string().min(1).max(64).describe('The insurer, a customer of the tenant'),
    insuredId: z
      .string()
      .min(1)
      .max(64)
      .describe("The insured (the vehicle's owner), a customer of the tenant; pays the franchise"),
    policyNumber: PolicyNumber,
    vehicle: Vehicle,
    centreId: z.string().min(1).max(64).optional().describe('The work centre that repairs it'),
    estimate: NonNegativeAmount.optional().describe(
      "The workshop's own estimate before the appraiser's valuation, taxes included",
    ),
  })
  .strict()
  .meta({ id: 'ClaimInput' });

export const ClaimPatch = z
  .object({
    policyNumber: PolicyNumber.optional(),
    vehicle: Vehicle.optional(),
    centreId: z.string().min(1).max(64).nullable().optional().describe('`null` removes it'),
    estimate: NonNegativeAmount.nullable().optional().describe('`null` removes it'),
    status: z
      .literal('closed')
      .optional()
      .describe('Close the claim; the other statuses follow from valuations and billing'),
  })
  .strict()
  .meta({ id: 'ClaimPatch' });

export const Claim = ClaimInput.extend({
  id: z.string(),
  status: z
    .enum(CLAIM_STATUSES)
    .describe(
      'open: no valuation yet; valued: a valuation is imported; invoiced: its drafts are issued; closed',
    ),
  valuationVersion: z.number().int().optional().describe('The latest valuation version'),
  invoices: z
    .object({
      insurer: z.string(),
      insured: z.string().optional(),
      valuationVersion: z.number().int(),
    })
    .optional()
    .describe('The invoices billed from the claim (insurer, and insured for the franchise)'),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
})
  .strip()
  .meta({ id: 'Claim' });

export const ClaimListQuery = PageQuery.extend({
  status: z.enum(CLAIM_STATUSES).optional(),
  insurerId: z.string().min(1).max(64).optional(),
  plate: z
    .string()
    .min(1)
    .max(20)
    .optional()
    .describe('Compared as stored: 1234-bcd finds 1234BCD'),
  claimNumber: z.string().min(1).max(50).optional(),
});

export const ClaimIdParams = z.object({ id: z.string().min(1).max(64) });

export const ValuationLine = z
  .object({
    kind: z
      .enum(VALUATION_LINE_KINDS)
      .describe(
        'part: a spare part; labour: hours of work; paint: painting hours; material: paint materials',
      ),
    description: xmlText(z.string().trim().min(1).max(250)),
    quantity: Quantity.describe('Units for parts and materials, hours for labour and paint'),
    unitPrice: UnitPrice.describe("Per unit, or the category's rate per hour, before tax"),
    category: z
      .enum(LABOUR_CATEGORIES)
      .optional()
      .describe('Labour and paint hours: the rate’s category (mechanics, bodywork, paint)'),
    reference: xmlText(z.string().trim().min(1).max(60))
      .optional()
      .describe("The part's manufacturer reference or the appraiser's operation code"),
    discountRate: Percent.optional().describe('The discount the appraiser applied, percent'),
  })
  .strict()
  .meta({ id: 'ValuationLine' });

export const ValuationInput = z
  .object({
    version: z
      .number()
      .int()
      .min(1)
      .max(999)
      .describe("The appraiser's version: 1, then 2… Importing a version again is idempotent"),
    lines: z.array(ValuationLine).min(1).max(250),
    franchise: Amount.describe(
      'What the insured pays, taxes included ("0" without one); at most the total',
    ),
    taxes: z.array(TaxInput).min(1).max(3).describe('The taxes of every line, e.g. one IVA rate'),
    currency: CurrencyCode.optional().describe('EUR unless given'),
    appraiser: z
      .object({
        name: xmlText(z.string().trim().min(1).max(120)).optional(),
        reference: xmlText(z.string().trim().min(1).max(60)).optional(),
      })
      .strict()
      .optional()
      .describe('Who valued it and their reference for the appraisal'),
    date: z.iso.date().optional().describe("The appraisal's date, YYYY-MM-DD"),
  })
  .strict()
  .meta({ id: 'ValuationInput' });

/** What a CSV valuation gives beside its rows (ignored for JSON). */
export const ValuationCsvQuery = z.object({
  version: z.coerce
    .number()
    .int()
    .min(1)
    .max(999)
    .optional()
    .describe('CSV: the version (required)'),
  franchise: Amount.optional().describe(
    'CSV: the franchise, taxes included (required; "0" for none)',
  ),
  taxRate: Percent.optional().describe('CSV: the tax rate of every line, e.g. "21" (required)'),
  taxType: z.enum(['IVA', 'IGIC']).optional().describe('CSV: IVA unless given'),
  currency: CurrencyCode.optional().describe('CSV: EUR unless given'),
  appraiser: z.string().trim().min(1).max(120).optional().describe("CSV: the appraiser's name"),
  appraisalReference: z
    .string()
    .trim()
    .min(1)
    .max(60)
    .optional()
    .describe("CSV: the appraiser's reference"),
  date: z.iso.date().optional().describe("CSV: the appraisal's date"),
});

export type ValuationCsvQueryValues = z.infer<typeof ValuationCsvQuery>;

const ValuationTotals = z
  .object({
    net: z.string(),
    tax: z.string(),
    total: z.string().describe('Taxes included: what the invoices of the claim add up to'),
    franchise: z.string(),
    insurer: z.string().describe('total − franchise'),
  })
  .meta({ id: 'ValuationTotals' });

export const Valuation = z
  .object({
    claimId: z.string(),
    version: z.number().int(),
    source: z.enum(['json', 'csv', 'console']),
    currency: z.string(),
    appraiser: z
      .object({ name: z.string().optional(), reference: z.string().optional() })
      .optional(),
    date: z.string().optional(),
    lines: z.array(ValuationLine),
    taxes: z.array(TaxInput),
    franchise: z.string(),
    totals: ValuationTotals,
    changes: z
      .object({
        previousVersion: z.number().int(),
        added: z.array(ValuationLine),
        removed: z.array(ValuationLine),
        changed: z.array(z.object({ before: ValuationLine, after: ValuationLine })),
        totals: z.object({ before: ValuationTotals, after: ValuationTotals }),
        franchise: z.object({ before: z.string(), after: z.string() }).optional(),
      })
      .optional()
      .describe(
        'From version 2: what changed since the version before (lines matched by kind and reference, else kind and description)',
      ),
    contentHash: z.string().describe('Of the canonical content: the same version, the same hash'),
    importedAt: Instant,
  })
  .meta({ id: 'Valuation' });

export const ValuationListQuery = PageQuery.extend({
  limit: z.coerce.number().int().min(1).max(20).default(20),
});

export const ValuationParams = z.object({
  id: z.string().min(1).max(64),
  version: z.coerce.number().int().min(1).max(999),
});

export const ClaimDocumentQuery = z.object({
  kind: z
    .enum(CLAIM_DOCUMENT_KINDS)
    .optional()
    .describe(
      'photo, appraisal (a PDF) or other; a PDF is an appraisal, an image a photo, unless given',
    ),
  fileName: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine(
      (name) => ![...name].some((c) => c === '/' || c === '\\' || c.charCodeAt(0) < 0x20),
      'A file name, without slashes or control characters',
    )
    .optional(),
});

export const ClaimDocument = z
  .object({
    id: z.string(),
    claimId: z.string(),
    kind: z.enum(CLAIM_DOCUMENT_KINDS),
    fileName: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    uploadedAt: Instant,
    href: z.string().describe('Where the file downloads (GET, with the same credentials)'),
  })
  .meta({ id: 'ClaimDocument' });

export const ClaimDocumentParams = z.object({
  id: z.string().min(1).max(64),
  documentId: z.string().min(1).max(64),
});
