import * as z from 'zod';
import { Instant } from './common.ts';

const Base64File = (what: string) =>
  z
    .string()
    .min(100)
    .max(20_000)
    .regex(/^[A-Za-z0-9+/=\s]+$/, `Base64 of the ${what} file`);

export const CsdInput = z
  .object({
    certificate: Base64File('.cer').describe(
      "The CSD's certificate as SAT hands it out (the `.cer` file, DER), in base64",
    ),
    key: Base64File('.key').describe(
      'Its private key (the `.key` file: PKCS#8 DER encrypted with the password), in base64; ' +
        'imported into a KMS key of the tenant and discarded',
    ),
    password: z.string().min(1).max(200).describe('The password of the `.key` file; never stored'),
  })
  .strict()
  .meta({ id: 'CsdInput' });

export const Csd = z
  .object({
    rfc: z.string().describe("The holder's RFC: the tenant's"),
    name: z.string().describe("The holder's name as SAT registered it"),
    certificateNumber: z
      .string()
      .regex(/^\d{20}$/)
      .describe("SAT's certificate number (`NoCertificado` of the CFDI it seals)"),
    validFrom: Instant,
    validTo: Instant,
    importedAt: Instant,
  })
  .meta({ id: 'Csd' });
