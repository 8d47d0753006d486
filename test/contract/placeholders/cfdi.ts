import { aMexicanCustomer, createMexicanTenant, SAT_TEST_CSD } from '../../support/mexico.ts';
import type { Realise } from './context.ts';

/**
 * `inv_01kamx…`: a Mexican tenant's issued CFDI (its own tenant, with SAT's test CSD uploaded),
 * for the routes that act on stamped invoices.
 */
export const realiseCfdi: Realise = async (event, { api, tenant }) => {
  if (!event.includes('inv_01kamxissuedexample')) return event;
  const mx = await createMexicanTenant();
  const must = async (res: Promise<{ status: number; text: string; json: { id: string } }>) => {
    const done = await res;
    if (done.status >= 300) throw new Error(`Could not set up the Mexican sample: ${done.text}`);
    return done.json;
  };
  await must(api.call('PUT', '/v1/csd', { key: mx.key, body: SAT_TEST_CSD }));
  const customer = await must(
    api.call('POST', '/v1/customers', { key: mx.key, body: aMexicanCustomer() }),
  );
  const line = {
    description: 'Servicio',
    quantity: '1',
    unitPrice: '100.00',
    taxes: [{ type: 'IVA', rate: '16' }],
    satProductKey: '81111500',
    satUnitKey: 'E48',
    taxObject: '02',
  };
  const draft = await must(
    api.call('POST', '/v1/invoices', {
      key: mx.key,
      body: { customerId: customer.id, lines: [line], cfdiUse: 'G03' },
    }),
  );
  await must(api.call('POST', `/v1/invoices/${draft.id}/issue`, { key: mx.key }));
  return event
    .replaceAll(/inv_01kamxissuedexample\w+/g, draft.id)
    .replaceAll(tenant.key, mx.key)
    .replaceAll(tenant.tenantId, mx.tenantId);
};
