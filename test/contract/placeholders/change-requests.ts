import { aCustomer } from '../../support/api.ts';
import type { Realise } from './context.ts';

/**
 * Reading or resolving a change request needs one: on an invoice issued now (with the lines of
 * events/http/create-invoice.json), asked for a data correction.
 */
export const realiseChangeRequests: Realise = async (event, { api, tenant, load }) => {
  if (!event.includes('chr_01kaexample')) return event;
  const key = tenant.key;
  const customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  const { lines } = JSON.parse(load('http/create-invoice.json').body);
  const draft = (await api.call('POST', '/v1/invoices', { key, body: { customerId, lines } })).json;
  await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key });
  const asked = await api.call('POST', `/v1/invoices/${draft.id}/change-requests`, {
    key,
    body: { type: 'correctData', message: 'The address is wrong' },
  });
  if (asked.status !== 201) throw new Error(`Could not ask for the sample: ${asked.text}`);
  return event.replaceAll(/chr_01kaexample\w+/g, asked.json.id);
};
