import { repositories } from '@sello/aws';
import { ProvisionTenantInput, triggered } from '@sello/contracts';
import { apiKeyView, provisionTenant, systemClock, tenantView, ulidIds } from '@sello/core';
import { jobHandler } from '@sello/http';

const provision = provisionTenant({
  tenants: repositories().tenants,
  clock: systemClock,
  ids: ulidIds,
});

/** Operator action (`aws lambda invoke`): answers the first API key once; it is not stored. */
export const handler = jobHandler(
  triggered.provisionTenant,
  ProvisionTenantInput,
  async (input) => {
    const { tenant, apiKey, secret } = await provision(input);
    return { tenant: tenantView(tenant), apiKey: { ...apiKeyView(apiKey), key: secret } };
  },
);
