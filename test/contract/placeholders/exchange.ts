import { inboxId } from '@sello/core/exchange';
import type { Realise } from './context.ts';

/**
 * Placeholders of the exchange area's sample events. An inbox id (`inb_01kaexample…`) becomes an
 * invoice the test tenant issued to its own tax id, so that tenant's inbox holds it; the inbox
 * list gets one too, so the sample reads a page with something in it. The import sample needs
 * nothing: its seller is the test tenant's tax id (B12345674).
 */
export const realiseExchange: Realise = async (event, { api, tenant, load }) => {
  const listsInbox = event.includes('"routeKey":"GET /v1/inbox"');
  if (!event.includes('inb_01kaexample') && !listsInbox) return event;
  const self = await api.call('POST', '/v1/customers', {
    key: tenant.key,
    body: {
      taxId: 'B12345674',
      name: 'Talleres Ejemplo, S.L. (compras)',
      address: { line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
    },
  });
  const { lines } = JSON.parse(load('http/create-invoice.json').body);
  const draft = await api.call('POST', '/v1/invoices', {
    key: tenant.key,
    body: { customerId: self.json.id, lines },
  });
  const issued = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: tenant.key });
  if (issued.status !== 200) throw new Error(`issue failed: ${issued.text}`);
  const id = inboxId({ tenantId: tenant.tenantId, invoiceId: draft.json.id });
  return event.replaceAll(/inb_01kaexample\w+/g, id);
};
