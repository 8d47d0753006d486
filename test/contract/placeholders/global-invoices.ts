import { createMexicanTenant, SAT_TEST_CSD } from '../../support/mexico.ts';
import type { Realise } from './context.ts';

/**
 * Closing a period needs a Mexican issuer with its CSD: its own tenant, SAT's test CSD uploaded.
 * Reading a global's document needs one closed: a ticket sold last month, and its month closed.
 */
export const realiseGlobalInvoices: Realise = async (event, { api, tenant, routeId }) => {
  if (routeId !== 'closeGlobalPeriod' && routeId !== 'getGlobalInvoiceDocument') return event;
  const mx = await createMexicanTenant();
  const done = await api.call('PUT', '/v1/csd', { key: mx.key, body: SAT_TEST_CSD });
  if (done.status >= 300) throw new Error(`Could not set up the Mexican sample: ${done.text}`);
  const out = event.replaceAll(tenant.key, mx.key);
  if (routeId === 'closeGlobalPeriod') return out;
  const now = new Date();
  const sold = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 14, 18));
  const ticket = await api.call('POST', '/v1/tickets', {
    key: mx.key,
    body: {
      reference: 'T-SAMPLE-1',
      date: sold.toISOString(),
      total: '116.00',
      currency: 'MXN',
      taxes: [{ type: 'IVA', rate: '16', base: '100.00', amount: '16.00' }],
    },
  });
  if (ticket.status >= 300) throw new Error(`Could not import the sample ticket: ${ticket.text}`);
  const closed = await api.call('POST', '/v1/global-invoices', {
    key: mx.key,
    body: { period: sold.toISOString().slice(0, 7) },
  });
  const id = (closed.json as { global?: { id: string } }).global?.id;
  if (!id) throw new Error(`Could not close the sample period: ${closed.text}`);
  return out.replaceAll('glb_2026-10', id);
};
