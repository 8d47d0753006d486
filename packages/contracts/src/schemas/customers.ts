import * as z from 'zod';
import { Instant, xmlText } from './common.ts';
import { DepositTreatment } from './deposit-treatment.ts';

export const LANGUAGES = ['es', 'ca', 'en'] as const;
export const Language = z.enum(LANGUAGES).describe('Language of documents and e-mails');

export const Address = z
  .object({
    line1: xmlText(z.string().trim().min(1).max(200)),
    line2: xmlText(z.string().trim().max(200)).optional(),
    city: xmlText(z.string().trim().min(1).max(100)),
    postalCode: xmlText(z.string().trim().min(1).max(20)),
    province: xmlText(z.string().trim().max(100)).optional(),
    country: z
      .string()
      .regex(/^[A-Z]{2}$/, 'Use an ISO 3166-1 alpha-2 code such as ES or MX')
      .describe('ISO 3166-1 alpha-2'),
  })
  .meta({ id: 'Address' });

const CustomerTaxRegime = z
  .string()
  .regex(/^\d{3}$/, "SAT's c_RegimenFiscal, 3 digits, e.g. 601")
  .describe(
    "Mexican buyers: SAT's c_RegimenFiscal as on their Constancia de Situación Fiscal (CFDI " +
      'RegimenFiscalReceptor), e.g. 601 or 612',
  );

const Dir3Unit = (role: string) =>
  z
    .object({
      code: z
        .string()
        .trim()
        .regex(
          /^(?=.{9}$)[A-Z]{1,2}[0-9]{7,8}$/,
          'A DIR3 code is 9 characters: 1–2 capital letters and digits, e.g. L01280796',
        )
        .describe(`DIR3 code of the ${role}`),
      name: xmlText(z.string().trim().max(200)).optional().describe('Printed on the Facturae'),
    })
    .strict();

export const Dir3Units = z
  .object({
    accountingOffice: Dir3Unit('oficina contable (Facturae RoleTypeCode 01)'),
    managementBody: Dir3Unit('órgano gestor (RoleTypeCode 02)'),
    processingUnit: Dir3Unit('unidad tramitadora (RoleTypeCode 03)'),
  })
  .strict()
  .describe(
    'A Spanish public administration: the three DIR3 units its invoices are addressed to ' +
      "(FACe routes by them); written as the buyer's AdministrativeCentres in the Facturae",
  )
  .meta({ id: 'Dir3Units' });

export const CustomerInput = z
  .object({
    taxId: z
      .string()
      .trim()
      .min(1)
      .max(30)
      .describe('NIF/NIE/CIF for Spain, RFC for Mexico, VAT number elsewhere in the EU'),
    name: xmlText(z.string().trim().min(1).max(200)),
    email: z.email().max(254).optional(),
    language: Language.optional(),
    address: Address,
    tariffId: z.string().min(1).max(64).optional().describe('Price list used for this customer'),
    taxRegime: CustomerTaxRegime.optional(),
    depositTreatment: DepositTreatment.optional().describe(
      "How this customer's deposits are invoiced, instead of the tenant's `deposits` setting",
    ),
    dir3: Dir3Units.optional(),
  })
  .strict()
  .meta({ id: 'CustomerInput' });

export const CustomerPatch = z
  .object({
    taxId: CustomerInput.shape.taxId.optional(),
    name: CustomerInput.shape.name.optional(),
    email: CustomerInput.shape.email.nullable(),
    language: Language.optional(),
    address: Address.optional(),
    tariffId: z.string().min(1).max(64).nullable().optional().describe('null removes the tariff'),
    taxRegime: CustomerTaxRegime.nullable().describe('null removes it'),
    depositTreatment: DepositTreatment.nullable().describe(
      "null removes it: the tenant's setting applies again",
    ),
    dir3: Dir3Units.nullable().describe('null removes them'),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: 'Give at least one field to change',
    // Only for an otherwise valid body: an unknown field alone says enough.
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ id: 'CustomerPatch' });

export const Customer = z
  .object({
    id: z.string(),
    taxId: z.string().describe('Normalised: upper case, no spaces or separators'),
    taxIdKind: z.string().describe('Which kind of identifier `taxId` is'),
    personType: z.enum(['individual', 'legalEntity', 'unknown']),
    name: z.string(),
    email: z.string().optional(),
    language: Language,
    address: Address,
    tariffId: z.string().optional(),
    taxRegime: z.string().optional(),
    depositTreatment: DepositTreatment.optional(),
    dir3: Dir3Units.optional(),
    version: z.number().int().describe('Increases on every change; the ETag carries it'),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Customer' });

export const CustomerListQuery = z.object({
  taxId: z.string().trim().min(1).max(30).optional().describe('Only customers with this tax id'),
});
