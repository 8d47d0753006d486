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
          'certificate whose holder (organizationIdentifier or serialNumber) is the tax id was ' +
          'uploaded (PUT /v1/signing-certificate); onboarding: the two onboarding keys',
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
    language: Language,
    timezone: z.string().describe('IANA time zone used for dates, month limits and schedules'),
    address: Address,
    createdAt: Instant,
    taxIdVerified: z
      .boolean()
      .describe(
        'Whether the tenant proved its tax id is its own. Until it does, the inbox of that tax id ' +
          '(GET /v1/inbox) stays empty with `taxIdVerified: false`; invoicing works either way',
      ),
    taxIdProof: TaxIdProof.optional().describe('How it was proven (absent while unproven)'),
  })
  .meta({ id: 'Tenant' });

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

export const SigningCertificate = z
  .object({
    subject: z.string(),
    issuer: z.string(),
    serialNumber: z.string().describe('Decimal, as XAdES prints it'),
    notBefore: Instant,
    notAfter: Instant,
    chainLength: z.number().int().describe('Certificates kept: the signing one and its CAs'),
    importedAt: Instant,
  })
  .meta({ id: 'SigningCertificate' });
