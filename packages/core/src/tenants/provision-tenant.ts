import { ValidationError } from '../errors.ts';
import { identifyParty } from '../parties/identify.ts';
import type { Address, Language } from '../parties/party.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import { validateTimezone } from '../schedules/expression.ts';
import { apiKeyPrefix, generateApiKeySecret, hashApiKey } from './api-key.ts';
import type { TenantDeps } from './deps.ts';
import { type ApiKeyRecord, mexicanTenantProblems, type Tenant } from './tenant.ts';

export interface ProvisionTenantInput {
  name: string;
  taxId: string;
  email: string;
  language: Language;
  timezone: string;
  address: Address;
  /** Mexican tenants: c_RegimenFiscal. */
  taxRegime?: string | undefined;
  /** Mexican tenants: LugarExpedicion, 5 digits. */
  expeditionPostalCode?: string | undefined;
  /**
   * The operator checked that the tax id belongs to this business (the default): its inbox opens
   * at once. False leaves it closed until the tenant proves the tax id itself.
   */
  taxIdVerified?: boolean | undefined;
}

/**
 * A new tenant's record, checked (tax id against its country, time zone) but not stored. Error
 * paths are prefixed with `prefix` (`company.` for a sign-up's nested form).
 */
export function newTenant(
  { clock, ids }: { clock: Clock; ids: IdGenerator },
  input: Omit<ProvisionTenantInput, 'taxIdVerified'>,
  options: { tenantId?: string; origin: 'operator' | 'signUp'; prefix?: string },
): Tenant {
  const prefix = options.prefix ?? '';
  const identity = identifyParty(input.taxId, input.address.country, {
    taxId: `${prefix}taxId`,
    country: `${prefix}address.country`,
  });
  try {
    validateTimezone(input.timezone);
  } catch (error) {
    // The schedules' validator names its own field; a nested form needs this one named.
    if (!(error instanceof ValidationError) || options.prefix === undefined) throw error;
    throw new ValidationError(error.message, [
      { path: `${prefix}timezone`, message: error.errors[0]?.message ?? error.message },
    ]);
  }
  const mexican = {
    ...(input.taxRegime !== undefined ? { taxRegime: input.taxRegime } : {}),
    ...(input.expeditionPostalCode !== undefined
      ? { expeditionPostalCode: input.expeditionPostalCode }
      : {}),
  };
  const problems = mexicanTenantProblems(
    { address: input.address, personType: identity.personType, ...mexican },
    prefix,
  );
  if (problems.length) throw new ValidationError('Invalid Mexican tax data', problems);
  return {
    id: options.tenantId ?? ids.next('ten'),
    name: input.name,
    email: input.email,
    language: input.language,
    timezone: input.timezone,
    address: input.address,
    ...mexican,
    ...identity,
    createdAt: clock.now().toISOString(),
    origin: options.origin,
  };
}

/** Creates a tenant with its first API key; the secret is returned once and never stored. */
export const provisionTenant =
  ({ tenants, clock, ids }: Omit<TenantDeps, 'apiKeys'>) =>
  async (
    input: ProvisionTenantInput,
    options: { tenantId?: string } = {},
  ): Promise<{ tenant: Tenant; apiKey: ApiKeyRecord; secret: string }> => {
    const { taxIdVerified = true, ...fields } = input;
    const made = newTenant({ clock, ids }, fields, { ...options, origin: 'operator' });
    const tenant: Tenant = taxIdVerified
      ? { ...made, taxIdProof: { method: 'operator', at: made.createdAt } }
      : made;
    const secret = generateApiKeySecret();
    const apiKey: ApiKeyRecord = {
      id: ids.next('key'),
      tenantId: tenant.id,
      name: 'Initial key',
      prefix: apiKeyPrefix(secret),
      hash: hashApiKey(secret),
      createdAt: tenant.createdAt,
    };
    await tenants.create(tenant, apiKey);
    return { tenant, apiKey, secret };
  };
