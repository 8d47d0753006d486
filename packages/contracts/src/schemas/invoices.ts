import { FORMAT_IDS, STORED_FORMATS } from '@sello/formats/facts';
import * as z from 'zod';
import { CentreSnapshot } from './centres.ts';
import { Instant, xmlText } from './common.ts';
import { Forwarding } from './connectors.ts';
import { Address, Dir3Units, Language } from './customers.ts';
import {
  Amount,
  decimalString,
  Percent,
  Quantity,
  SatKeysInput,
  TaxInput,
  UnitPrice,
} from './money.ts';

const IsoDate = z.iso.date().describe('YYYY-MM-DD');

export const LineInput = z
  .object({
    productId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('Takes price, description and taxes from the catalog unless given'),
    description: xmlText(z.string().trim().min(1).max(1000)).optional(),
    quantity: Quantity,
    unitPrice: UnitPrice.optional().describe('Overrides customer, tariff and catalog prices'),
    discountRate: Percent.optional(),
    unit: xmlText(z.string().trim().max(20)).optional(),
    taxes: z
      .array(TaxInput)
      .max(4)
      .optional()
      .describe('Mexico: none when the line is not subject to tax (taxObject 01, 03, 04)'),
    ...SatKeysInput,
  })
  .strict()
  .meta({ id: 'LineInput' });

export const PaymentInput = z
  .object({
    means: z.enum(['transfer', 'directDebit', 'card', 'cash', 'other']),
    dueDate: IsoDate.optional(),
    iban: z
      .string()
      .transform((s) => s.replace(/\s+/g, '').toUpperCase())
      .pipe(z.string().regex(/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/, 'Not an IBAN'))
      .optional(),
    terms: xmlText(z.string().trim().max(200)).optional(),
  })
  .strict()
  .meta({ id: 'PaymentInput' });

const Currency = z.string().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as EUR, MXN or USD');

const ExchangeRate = decimalString(
  6,
  "Units of the tenant's accounting currency (EUR, MXN) one unit of `currency` is worth; " +
    'required when they differ, e.g. "17.2345"',
);

const CfdiUse = z
  .string()
  .regex(/^[A-Z]{1,2}\d{2}$/, "SAT's c_UsoCFDI, e.g. G03")
  .describe(
    "Mexico: the buyer's use of the CFDI (c_UsoCFDI), checked against its régimen; G03 (or S01 " +
      'where G03 does not apply) unless given',
  );

const DepositId = z.string().min(1).max(200);

const InvoiceFields = z
  .object({
    customerId: z.string().min(1).max(64),
    series: z
      .string()
      .min(1)
      .max(20)
      .optional()
      .describe("Series code; the tenant's default otherwise"),
    currency: Currency.optional().describe(
      "ISO 4217 code; defaults to the tenant's accounting currency (EUR in Spain, MXN in Mexico)",
    ),
    exchangeRate: ExchangeRate.optional(),
    cfdiUse: CfdiUse.optional(),
    issueDate: IsoDate.optional().describe('Defaults to the day of issue in the tenant time zone'),
    operationDate: IsoDate.optional(),
    language: Language.optional().describe("Defaults to the customer's language"),
    lines: z.array(LineInput).min(1).max(1000).optional().describe('Required unless `depositIds`'),
    depositIds: z
      .array(DepositId)
      .min(1)
      .max(90)
      .optional()
      .describe(
        'Instead of `lines`: the prepaid deposits (uninvoiced, of this customer, one currency) ' +
          'the invoice bills, one line each or one grouped line per the deposit treatment; ' +
          'issuing marks them invoiced, or answers 409 naming `depositIds.N` another invoice took',
      ),
    concept: xmlText(z.string().trim().min(1).max(500))
      .optional()
      .describe("With `depositIds`: the lines' concept, instead of the deposit treatment's"),
    payment: PaymentInput.optional(),
    notes: xmlText(z.string().trim().max(2000)).optional(),
    centreId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe(
        'The work centre it is made at: its name and address are printed, its series numbers it ' +
          "unless `series` is given. Default: the signed-in staff member's centre when it has one",
      ),
  })
  .strict();

export const InvoiceInput = InvoiceFields.superRefine((input, ctx) => {
  if (!input.lines === !input.depositIds) {
    ctx.addIssue({
      code: 'custom',
      path: [input.lines ? 'depositIds' : 'lines'],
      message: input.lines ? 'Give `lines` or `depositIds`, not both' : 'Required',
    });
  }
  if (input.concept && !input.depositIds) {
    ctx.addIssue({ code: 'custom', path: ['concept'], message: 'Only with `depositIds`' });
  }
}).meta({ id: 'InvoiceInput' });

export const InvoicePatch = InvoiceFields.omit({ currency: true, centreId: true })
  .extend({
    centreId: z
      .string()
      .min(1)
      .max(64)
      .nullable()
      .describe('Another centre (and its series, unless `series` is given); `null` none'),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: 'Give at least one field to change',
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ id: 'InvoicePatch' });

const Party = z.object({
  taxId: z.string(),
  name: z.string(),
  email: z.string().optional(),
  address: Address,
  taxRegime: z.string().optional().describe("Mexico: SAT's c_RegimenFiscal"),
  expeditionPostalCode: z.string().optional().describe('Mexico, the issuer: LugarExpedicion'),
  dir3: Dir3Units.optional().describe("A public administration buyer's DIR3 units"),
});

export const Totals = z
  .object({ net: Amount, tax: Amount, withheld: Amount, total: Amount })
  .meta({ id: 'Totals' });

export const Invoice = z
  .object({
    id: z.string(),
    status: z.enum(['draft', 'issued', 'sent', 'paid', 'cancelled', 'rectified', 'void']),
    kind: z.enum(['standard', 'corrective']),
    customerId: z.string(),
    series: z.string(),
    number: z.string().optional().describe('Given at issue, gapless per series'),
    issueDate: IsoDate.optional(),
    operationDate: IsoDate.optional(),
    currency: z.string().describe('ISO 4217'),
    exchangeRate: z
      .string()
      .optional()
      .describe("To the tenant's accounting currency, when the invoice is in another"),
    cfdiUse: z.string().optional().describe("Mexico: the buyer's c_UsoCFDI"),
    language: Language,
    issuer: Party,
    customer: Party,
    lines: z.array(
      z.object({
        productId: z.string().optional(),
        description: z.string(),
        quantity: z.string(),
        unitPrice: z.string(),
        discountRate: z.string().optional(),
        unit: z.string().optional(),
        taxes: z.array(TaxInput),
        satProductKey: z.string().optional(),
        satUnitKey: z.string().optional(),
        taxObject: z.string().optional(),
        net: Amount,
      }),
    ),
    taxBreakdown: z.array(
      z.object({
        type: z.enum(['IVA', 'IGIC', 'RE', 'IRPF', 'IEPS', 'ISR']),
        rate: z.string(),
        exemption: z.string().optional(),
        notSubject: z.string().optional(),
        exempt: z.boolean().optional().describe('Mexico: IVA exento'),
        base: Amount,
        amount: Amount,
        withheld: z.boolean(),
      }),
    ),
    totals: Totals,
    payment: PaymentInput.optional(),
    notes: z.string().optional(),
    corrective: z
      .object({
        originalId: z.string(),
        originalNumber: z.string(),
        reasonCode: z.string(),
        reasonDescription: z.string(),
        method: z.enum(['substitution', 'differences']),
        originalUuid: z.string().optional().describe("Mexico: the original CFDI's UUID"),
      })
      .optional(),
    centre: CentreSnapshot.optional().describe('The work centre it was made at, as it was then'),
    source: z
      .union([
        z.object({ taskId: z.string(), occurrence: Instant }),
        z.object({
          policy: z.string().describe('The customer whose invoicing policy made it'),
          occurrence: Instant.optional().describe('The occurrence whose period it bills'),
          depositId: z.string().optional().describe('`perDeposit`: the deposit it bills'),
        }),
      ])
      .optional()
      .describe(
        "The automatic task and occurrence, or the customer's invoicing policy, that made it",
      ),
    depositIds: z
      .array(z.string())
      .optional()
      .describe('The prepaid deposits it bills (taken when it is issued, given back if cancelled)'),
    claim: z
      .object({
        claimId: z.string(),
        claimNumber: z.string(),
        policyNumber: z.string(),
        plate: z.string(),
        billedTo: z.enum(['insurer', 'insured']),
      })
      .optional()
      .describe(
        'Billed from a claim file: the claim it names (in the Facturae, UBL, CII and PDF) and ' +
          'which side of the franchise split it is',
      ),
    origin: z
      .literal('import')
      .optional()
      .describe('Issued by your own system and delivered through POST /v1/imports'),
    cfdi: z
      .object({
        status: z
          .enum(['pending', 'refused', 'stamped'])
          .describe(
            '`pending`: numbered, the PAC not reached yet (retried); `refused`: see `refusal`, ' +
              'fix the customer and POST /v1/invoices/{id}/stamp; `stamped`: `uuid` is its fiscal folio',
          ),
        uuid: z.string().optional().describe('The fiscal folio (UUID) of the stamp'),
        stampedAt: z.string().optional().describe("The stamp's time, Mexico's central time"),
        refusal: z
          .object({ code: z.string(), message: z.string(), at: Instant })
          .optional()
          .describe("The PAC's code (SAT's validation matrix) and message"),
        cancellation: z
          .object({
            reason: z.enum(['01', '02', '03', '04']),
            substitute: z.string().optional(),
            status: z.enum(['cancelled', 'pending']),
            at: Instant,
          })
          .optional(),
      })
      .optional()
      .describe("A Mexican issuer's invoice as CFDI 4.0: its stamp"),
    recipientStatus: z
      .enum(['accepted', 'rejected', 'paid'])
      .optional()
      .describe("The buyer's last word in its inbox; the history is in events `recipient.*`"),
    forwarding: z
      .array(Forwarding)
      .optional()
      .describe('Its delivery through each connector it was forwarded by (POST …/forward)'),
    events: z.array(
      z.object({
        at: Instant,
        type: z.string(),
        detail: z.record(z.string(), z.unknown()).optional(),
      }),
    ),
    version: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
    issuedAt: Instant.optional(),
  })
  .meta({ id: 'Invoice' });

export const InvoiceListQuery = z.object({
  status: z.enum(['draft', 'issued', 'sent', 'paid', 'cancelled', 'rectified', 'void']).optional(),
  customerId: z.string().max(64).optional(),
  series: z.string().max(20).optional(),
  from: IsoDate.optional().describe('Issue date from (inclusive)'),
  to: IsoDate.optional().describe('Issue date to (inclusive)'),
  taskId: z.string().max(64).optional().describe('Only documents made by this automatic task'),
});

export const SeriesInput = z
  .object({
    code: z
      .string()
      .min(1)
      .max(20)
      .regex(/^[A-Z0-9-]+$/, 'Upper-case letters, digits and -'),
    kind: z.enum(['standard', 'corrective']),
    prefix: z
      .string()
      .max(20)
      .regex(/^[A-Za-z0-9/-]*$/)
      .default('')
      .describe('Printed before the number'),
    yearlyReset: z.boolean().default(true).describe('Numbers restart at 1 each calendar year'),
    padding: z.number().int().min(1).max(10).default(6).describe('Digits of the sequence'),
    default: z.boolean().default(false).describe('Used when a draft names no series'),
  })
  .strict()
  .meta({ id: 'SeriesInput' });

export const Series = SeriesInput.extend({ createdAt: Instant }).meta({ id: 'Series' });

export const DocumentParams = z.object({
  id: z.string().min(1).max(64),
  format: z
    .enum(FORMAT_IDS)
    .describe(
      'pdf, facturae (signed 3.2.2), ubl (UBL 2.1, Peppol BIS 3.0), cii (CII D16B) or verifactu (the latest VERI*FACTU record, for Spanish issuers with records on)',
    ),
});

export const SendInput = z
  .object({
    to: z.array(z.email()).min(1).max(10).optional().describe("Defaults to the customer's e-mail"),
  })
  .strict()
  .meta({ id: 'SendInput' });

export const RectifyInput = z
  .object({
    reasonCode: z
      .string()
      .regex(/^(0[1-9]|1[0-6]|8[0-5])$/, 'A Facturae ReasonCode: 01–16 or 80–85'),
    reasonDescription: xmlText(z.string().trim().min(1).max(500)).optional(),
    method: z.enum(['substitution', 'differences']),
    lines: z
      .array(LineInput)
      .min(1)
      .max(1000)
      .describe('By differences: the change; by substitution: the corrected lines'),
    issueDate: IsoDate.optional(),
    releaseDepositIds: z
      .array(DepositId)
      .max(90)
      .optional()
      .describe(
        'An invoice of deposits: those the correction takes back (uninvoiced again). Without ' +
          'it, a correction by differences that brings the invoice to zero gives back all',
      ),
  })
  .strict()
  .meta({ id: 'RectifyInput' });

/**
 * One body for both countries, checked per issuer: a Spanish invoice is cancelled by a corrective
 * (`reasonDescription`), a Mexican one (CFDI) at SAT through the PAC (`reason`, `substitute`).
 */
export const CancelInput = z
  .object({
    reasonDescription: xmlText(z.string().trim().min(1).max(500))
      .optional()
      .describe("Spanish invoices: the corrective's reason text"),
    reason: z
      .enum(['01', '02', '03', '04'])
      .optional()
      .describe(
        "Mexican invoices (CFDI), required: SAT's c_MotivoCancelacion — 01 errors with a " +
          'relation (a replacing CFDI was stamped first: name it in `substitute`), 02 errors ' +
          'without a relation, 03 the operation did not take place, 04 a nominative operation ' +
          'related to a global invoice',
      ),
    substitute: z
      .string()
      .regex(
        /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/,
        'A UUID (fiscal folio)',
      )
      .optional()
      .describe(
        "With reason 01 only: the UUID of the tenant's stamped CFDI that replaces this one " +
          '(FolioSustitucion)',
      ),
  })
  .strict()
  .meta({ id: 'CancelInput' });

/** A Spanish cancellation answers the original and its corrective; a CFDI's, the original. */
export const CancelResult = z
  .object({
    original: Invoice,
    corrective: Invoice.optional().describe(
      'Spanish invoices: the corrective that cancels the original (a CFDI has none)',
    ),
  })
  .meta({ id: 'CancelResult' });

export const SplitInput = z
  .object({
    parts: z
      .array(
        z
          .object({
            customerId: z.string().min(1).max(64).optional(),
            lines: z.array(LineInput).min(1).max(1000).optional(),
            depositIds: z
              .array(DepositId)
              .min(1)
              .max(90)
              .optional()
              .describe("Instead of `lines`: some of the original's deposits"),
          })
          .strict()
          .refine((p) => !p.lines !== !p.depositIds, {
            message: 'Give `lines` or `depositIds`',
            path: ['lines'],
          }),
      )
      .min(2)
      .max(20)
      .describe(
        'Each part becomes a new invoice; together they must add up to the original, or, by ' +
          "deposits, take each of the original's deposits once",
      ),
  })
  .strict()
  .meta({ id: 'SplitInput' });

export const CorrectionResult = z
  .object({ original: Invoice, corrective: Invoice, replacements: z.array(Invoice).optional() })
  .meta({ id: 'CorrectionResult' });

/**
 * What an issuing function hands to `processIssuedInvoices` once the numbers are committed: the
 * invoices to make documents for and to tell the subscribers about.
 */
/** What `stampCfdi` is called with: one numbered Mexican invoice to seal and stamp. */
export const StampCfdiEvent = z
  .object({ tenantId: z.string().min(1).max(64), invoiceId: z.string().min(1).max(64) })
  .strict();

export const IssuedInvoicesEvent = z
  .object({
    tenantId: z.string().min(1).max(64),
    // A split numbers up to 20 replacements and their corrective at once.
    invoiceIds: z.array(z.string().min(1).max(64)).min(1).max(50),
    /**
     * A self-invoice's buyer: once the step has run (its documents stored), it hands over
     * `sendSelfInvoice` to this address, so the mail attaches what was stored.
     */
    thenSendTo: z.email().max(254).optional(),
  })
  .strict();

/** What `ensureInvoiceDocuments` is called with; it answers `{ documents: { <format>: base64 } }`. */
export const InvoiceDocumentsEvent = z
  .object({
    tenantId: z.string().min(1).max(64),
    invoiceId: z.string().min(1).max(64),
    formats: z.array(z.enum(STORED_FORMATS)).min(1).max(STORED_FORMATS.length),
  })
  .strict();

/**
 * What `renderInvoicePdf` is called with: the invoice as stored (the caller has read it, so the
 * renderer needs no data access) and how to print it.
 */
export const RenderInvoicePdfEvent = z
  .object({
    invoice: z.looseObject({
      id: z.string(),
      tenantId: z.string(),
      status: z.string(),
      lines: z.array(z.unknown()),
      totals: z.looseObject({ total: z.string() }),
    }),
    draft: z.boolean(),
    verifactuQrUrl: z.url().optional(),
    /** A stamped CFDI's printed data (`cfdiPrint` of @sello/formats/cfdi). */
    cfdi: z
      .looseObject({
        details: z.array(z.tuple([z.string(), z.string()])),
        uuid: z.string(),
        stampedAt: z.string(),
        pacRfc: z.string(),
        certificateNumber: z.string(),
        satCertificateNumber: z.string(),
        cfdiSeal: z.string(),
        satSeal: z.string(),
        stampChain: z.string(),
        qrUrl: z.url(),
      })
      .optional(),
  })
  .strict();
