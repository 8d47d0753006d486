import type { Realise } from './context.ts';

/** Routes whose sample needs the customer to have a policy already. */
const NEEDS_POLICY = new Set([
  'getInvoicingPolicy',
  'deleteInvoicingPolicy',
  'listInvoicingPolicyRuns',
  'runInvoicingPolicyOccurrence',
  'runInvoicingPolicy',
]);

/**
 * The policies' samples name a customer (already made real): those that read, run or delete a
 * policy get the one of events/http/put-invoicing-policy.json first (monthly in Madrid from
 * 2026-10-01, so 2026-12-01 00:00 is a past occurrence).
 */
export const realiseInvoicingPolicies: Realise = async (event, { api, tenant, routeId, load }) => {
  if (!NEEDS_POLICY.has(routeId)) return event;
  const parsed = JSON.parse(event);
  const customerId: string = parsed.pathParameters?.id ?? parsed.customerId;
  const body = JSON.parse(load('http/put-invoicing-policy.json').body);
  const res = await api.call('PUT', `/v1/customers/${customerId}/invoicing-policy`, {
    key: tenant.key,
    body,
  });
  if (res.status !== 201) throw new Error(`policy not set: ${res.text}`);
  return event;
};
