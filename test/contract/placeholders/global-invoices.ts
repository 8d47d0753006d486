import { createMexicanTenant, SAT_TEST_CSD } from '../../support/mexico.ts';
import type { Realise } from './context.ts';

/** Closing a period needs a Mexican issuer with its CSD: its own tenant, SAT's test CSD uploaded. */
export const realiseGlobalInvoices: Realise = async (event, { api, tenant, routeId }) => {
  if (routeId !== 'closeGlobalPeriod') return event;
  const mx = await createMexicanTenant();
  const done = await api.call('PUT', '/v1/csd', { key: mx.key, body: SAT_TEST_CSD });
  if (done.status >= 300) throw new Error(`Could not set up the Mexican sample: ${done.text}`);
  return event.replaceAll(tenant.key, mx.key);
};
