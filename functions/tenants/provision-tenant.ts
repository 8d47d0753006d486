import { provisionTenant } from '@sello/app/tenants';
import { ProvisionTenantInput, triggered } from '@sello/contracts';
import { apiKeyView, tenantView } from '@sello/core/tenants';
import { jobHandler } from '@sello/http';

const provision = provisionTenant();

/** Operator action (`aws lambda invoke`): answers the first API key once; it is not stored. */
export const handler = jobHandler(
  triggered.provisionTenant,
  ProvisionTenantInput,
  async (input) => {
    const { tenant, apiKey, secret } = await provision(input);
    return { tenant: tenantView(tenant), apiKey: { ...apiKeyView(apiKey), key: secret } };
  },
);
