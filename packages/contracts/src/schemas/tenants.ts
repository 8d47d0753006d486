import * as z from 'zod';
import { Instant } from './common.ts';
import { Address, Language } from './customers.ts';

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
    name: z.string().trim().min(1).max(200),
    taxId: z.string().trim().min(1).max(30),
    email: z.email(),
    language: Language.default('es'),
    timezone: z.string().default('Europe/Madrid'),
    address: Address,
  })
  .strict();
