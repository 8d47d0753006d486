import * as z from 'zod';
import { Instant, xmlText } from './common.ts';
import { Address, Language } from './customers.ts';
import { NewPassword } from './password.ts';

export const TaxIdProof = z
  .object({
    method: z
      .enum(['operator', 'certificate', 'onboarding'])
      .describe(
        'operator: vouched for by the operator who provisioned the tenant; certificate: a signing ' +
          'certificate whose holder (organizationIdentifier or serialNumber) is the tax id, issued ' +
          'by a trusted CA, was uploaded (PUT /v1/signing-certificate); onboarding: the two ' +
          'onboarding keys',
      ),
    at: Instant,
    certificateSubject: z.string().optional().describe('The proving certificate (certificate)'),
  })
  .meta({ id: 'TaxIdProof' });

export const Tenant = z
  .object({
    id: z.string(),
    name: z.string(),
    taxId: z.string(),
    email: z.string(),
    phone: z.string().optional(),
    language: Language,
    timezone: z.string().describe('IANA time zone used for dates, month limits and schedules'),
    address: Address,
    taxRegime: z.string().optional().describe("Mexican tenants: SAT's c_RegimenFiscal"),
    expeditionPostalCode: z
      .string()
      .optional()
      .describe('Mexican tenants: the postal code of the place of issue (LugarExpedicion)'),
    accountingCurrency: z
      .string()
      .describe(
        'The currency of the books and tax returns (EUR in Spain, MXN in Mexico): invoices in ' +
          'another currency carry `exchangeRate` to it',
      ),
    createdAt: Instant,
    updatedAt: Instant.optional().describe('When the company data last changed'),
    version: z.number().int().describe('Increases on every change; the ETag carries it'),
    taxIdVerified: z
      .boolean()
      .describe(
        'Whether the tenant proved its tax id is its own. Until it does, the inbox of that tax id ' +
          '(GET /v1/inbox) stays empty with `taxIdVerified: false`; invoicing works either way',
      ),
    taxIdProof: TaxIdProof.optional().describe('How it was proven (absent while unproven)'),
  })
  .meta({ id: 'Tenant' });

/** SAT's c_RegimenFiscal code (checked against the catalog and the person type by the domain). */
export const TaxRegime = z
  .string()
  .regex(/^\d{3}$/, "SAT's c_RegimenFiscal, 3 digits, e.g. 601")
  .describe("SAT's c_RegimenFiscal, e.g. 601 (personas morales) or 626 (RESICO)");

export const ExpeditionPostalCode = z
  .string()
  .regex(/^\d{5}$/, 'A postal code of 5 digits')
  .describe('Postal code of the place of issue (CFDI LugarExpedicion), 5 digits');

/** A contact telephone as people write it: digits, spaces, dots, dashes, brackets, a leading +. */
const Phone = z
  .string()
  .trim()
  .regex(/^\+?[0-9][0-9 ().-]{4,28}[0-9]$/, 'A telephone number, e.g. +34 912 345 678')
  .describe('Contact telephone');

export const TenantPatch = z
  .object({
    name: xmlText(z.string().trim().min(1).max(200)).describe('Legal name'),
    taxId: z
      .string()
      .trim()
      .min(1)
      .max(30)
      .describe(
        'NIF/CIF (or the tax id of `address.country`), checked as at sign-up. Changing it (or the ' +
          'country) is refused once invoices were issued; it drops the proof of the old tax id',
      ),
    email: z.email().max(254).describe('Contact e-mail: reports of automatic tasks go here'),
    phone: Phone.nullable().describe('null removes it'),
    language: Language,
    timezone: z.string().max(64).describe('IANA time zone, e.g. Europe/Madrid'),
    address: Address.describe('Replaces the whole address'),
    taxRegime: TaxRegime.nullable().describe(
      "Mexican tenants (required to issue): SAT's c_RegimenFiscal; null removes it",
    ),
    expeditionPostalCode: ExpeditionPostalCode.nullable().describe(
      'Mexican tenants (required to issue): LugarExpedicion, 5 digits; null removes it',
    ),
  })
  .partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: 'Give at least one field to change',
    when: (payload) => payload.issues.length === 0,
  })
  .describe('Merge patch: absent fields stay as they are')
  .meta({ id: 'TenantPatch' });

export const ApiKeyInput = z
  .object({ name: z.string().trim().min(1).max(100).describe('What the key is for, e.g. "ERP"') })
  .strict()
  .meta({ id: 'ApiKeyInput' });

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().describe('First characters of the key, to recognise it'),
    createdAt: Instant,
    revokedAt: Instant.optional(),
  })
  .meta({ id: 'ApiKey' });

export const CreatedApiKey = ApiKey.extend({
  key: z.string().describe('The secret. Shown once; only its hash is stored'),
}).meta({ id: 'CreatedApiKey' });

/** Operator input to provision a tenant (not an HTTP route: invoked by an operator). */
export const ProvisionTenantInput = z
  .object({
    name: xmlText(z.string().trim().min(1).max(200)),
    taxId: z.string().trim().min(1).max(30),
    email: z.email(),
    language: Language.default('es'),
    timezone: z.string().default('Europe/Madrid'),
    address: Address,
    taxRegime: TaxRegime.optional(),
    expeditionPostalCode: ExpeditionPostalCode.optional(),
    taxIdVerified: z
      .boolean()
      .default(true)
      .describe(
        'The operator checked the tax id belongs to this business, so its inbox opens at once; ' +
          'false leaves it closed until the tenant proves it',
      ),
  })
  .strict();

const SignUpEmail = z.email().max(254);

/** A business signing itself up in the portal: its company data and its first owner. */
export const SignUpInput = z
  .object({
    company: z
      .object({
        name: xmlText(z.string().trim().min(1).max(200)).describe('Legal name'),
        taxId: z
          .string()
          .trim()
          .min(1)
          .max(30)
          .describe('NIF/CIF (or the tax id of `address.country`), checked like a tenant’s'),
        address: Address,
        language: Language.default('es'),
        timezone: z.string().max(64).default('Europe/Madrid'),
      })
      .strict(),
    owner: z
      .object({
        name: z.string().trim().min(1).max(200),
        email: SignUpEmail.describe('The owner’s sign-in name; also the tenant’s contact e-mail'),
        password: NewPassword,
      })
      .strict(),
  })
  .strict()
  .meta({ id: 'SignUpInput' });

const OnboardingSecret = z.string().trim().min(1).max(100);

export const TaxIdProofInput = z
  .object({
    emailKey: OnboardingSecret.describe('The key from an invoice notification mail (`ekey_…`)'),
    issuerKey: OnboardingSecret.describe('The key the issuer handed over (`ikey_…`)'),
  })
  .strict()
  .meta({ id: 'TaxIdProofInput' });

export const SigningCertificateInput = z
  .object({
    pkcs12: z
      .string()
      .min(100)
      .max(200_000)
      .regex(/^[A-Za-z0-9+/=\s]+$/, 'Base64 of the .p12 / .pfx file')
      .describe('The PKCS#12 file (.p12/.pfx) in base64; it is discarded after import'),
    password: z.string().max(200).describe('Password of the PKCS#12 file; never stored'),
  })
  .strict()
  .meta({ id: 'SigningCertificateInput' });

export const TaxIdRefusal = z
  .enum(['holder-mismatch', 'untrusted-issuer', 'expired', 'not-yet-valid', 'not-for-signing'])
  .describe(
    'holder-mismatch: its holder (organizationIdentifier or serialNumber) is not the tenant’s tax ' +
      'id; untrusted-issuer: no chain of CA signatures leads from it to a CA Sello trusts (e.g. a ' +
      'self-signed certificate); expired / not-yet-valid: it or a CA of its chain is outside its ' +
      'validity; not-for-signing: its key usage allows neither digitalSignature nor nonRepudiation',
  )
  .meta({ id: 'TaxIdRefusal' });

export const SigningCertificate = z
  .object({
    subject: z.string(),
    issuer: z.string(),
    serialNumber: z.string().describe('Decimal, as XAdES prints it'),
    notBefore: Instant,
    notAfter: Instant,
    chainLength: z.number().int().describe('Certificates kept: the signing one and its CAs'),
    importedAt: Instant,
    taxIdCheck: z
      .object({
        proves: z.boolean().describe('Whether this certificate proves the tenant’s tax id now'),
        reason: TaxIdRefusal.optional().describe('Why it does not (absent when it does)'),
      })
      .optional()
      .describe(
        'Present while the tenant’s tax id is unproven, or when a certificate proved it: a ' +
          'certificate proves it when its holder is the tax id and a trusted CA issued it. ' +
          'Revocation is not checked. Any certificate signs, trusted or not',
      ),
  })
  .meta({ id: 'SigningCertificate' });
