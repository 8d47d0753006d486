import { identifyParty } from '../parties/identify.ts';
import type { Address, Language } from '../parties/party.ts';
import { validateTimezone } from '../schedules/expression.ts';
import { apiKeyPrefix, generateApiKeySecret, hashApiKey } from './api-key.ts';
import type { TenantDeps } from './deps.ts';
import type { ApiKeyRecord, Tenant } from './tenant.ts';

export interface ProvisionTenantInput {
  name: string;
  taxId: string;
  email: string;
  language: Language;
  timezone: string;
  address: Address;
}

/** Creates a tenant with its first API key; the secret is returned once and never stored. */
export const provisionTenant =
  ({ tenants, clock, ids }: Omit<TenantDeps, 'apiKeys'>) =>
  async (
    input: ProvisionTenantInput,
    options: { tenantId?: string } = {},
  ): Promise<{ tenant: Tenant; apiKey: ApiKeyRecord; secret: string }> => {
    const identity = identifyParty(input.taxId, input.address.country);
    validateTimezone(input.timezone);
    const now = clock.now().toISOString();
    const tenant: Tenant = {
      id: options.tenantId ?? ids.next('ten'),
      ...input,
      ...identity,
      createdAt: now,
    };
    const secret = generateApiKeySecret();
    const apiKey: ApiKeyRecord = {
      id: ids.next('key'),
      tenantId: tenant.id,
      name: 'Initial key',
      prefix: apiKeyPrefix(secret),
      hash: hashApiKey(secret),
      createdAt: now,
    };
    await tenants.create(tenant, apiKey);
    return { tenant, apiKey, secret };
  };
