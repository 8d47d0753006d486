import * as z from 'zod';
import { Instant } from './common.ts';
import { Language } from './customers.ts';
import { NewPassword } from './password.ts';

const TaxId = z
  .string()
  .trim()
  .min(1)
  .max(30)
  .describe("The recipient's tax id (NIF/CIF, VAT number or RFC), as invoices name it");
const Country = z
  .string()
  .regex(/^[A-Z]{2}$/, 'Use an ISO 3166-1 alpha-2 code such as ES or MX')
  .optional()
  .describe('Country that issued the tax id (ISO 3166-1 alpha-2); ES when absent');
/** Only the shape: the use case tells a wrong key from a spent one. */
const Secret = z.string().min(1).max(100);

export const OnboardingKeyInput = z
  .object({ taxId: TaxId, country: Country })
  .strict()
  .meta({ id: 'OnboardingKeyInput' });

export const OnboardingKey = z
  .object({
    id: z.string(),
    taxId: z.string().describe('Normalised: upper case, no separators'),
    createdAt: Instant,
    expiresAt: Instant,
    usedAt: Instant.optional().describe('When a recipient registered with it'),
    revokedAt: Instant.optional(),
  })
  .meta({ id: 'OnboardingKey' });

export const CreatedOnboardingKey = OnboardingKey.extend({
  key: z
    .string()
    .describe(
      'The issuer key (`ikey_…`) to hand to the recipient. Shown once; only its hash is stored',
    ),
}).meta({ id: 'CreatedOnboardingKey' });

export const RecipientRegistrationInput = z
  .object({
    taxId: TaxId,
    country: Country,
    emailKey: Secret.describe('The key from the notification mail (`ekey_…`)'),
    issuerKey: Secret.describe('The key the issuer handed over (`ikey_…`)'),
    name: z.string().trim().min(1).max(200).optional().describe("The person's name"),
    language: Language.optional().describe(
      "Language of Sello's mails to the account (password resets); the portal sends its own",
    ),
    email: z.email().max(254).describe('Sign-in name of the account'),
    password: NewPassword,
  })
  .strict()
  .meta({ id: 'RecipientRegistrationInput' });

export const Recipient = z
  .object({
    id: z.string(),
    taxId: z.string(),
    email: z.string(),
    name: z.string().optional(),
    language: Language.optional(),
    createdAt: Instant,
  })
  .meta({ id: 'Recipient' });

/** Input of the one-off move of recipients to the user pool (an operator invokes it). */
export const MigrateRecipientsInput = z.object({}).strict().meta({ id: 'MigrateRecipientsInput' });
