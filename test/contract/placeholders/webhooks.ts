import type { Realise } from './context.ts';

/**
 * Placeholders of the webhooks area's sample events: `whk_01kaexample…` becomes a subscription of
 * the test tenant, made with the body of events/http/create-webhook.json (one per event, so
 * deleting one leaves the others).
 */
export const realiseWebhooks: Realise = async (event, { api, tenant, load }) => {
  if (!event.includes('whk_01kaexample')) return event;
  const body = JSON.parse(load('http/create-webhook.json').body);
  const res = await api.call('POST', '/v1/webhooks', { key: tenant.key, body });
  if (res.status !== 201) throw new Error(`Could not create a webhook: ${res.text}`);
  return event.replaceAll(/whk_01kaexample\w+/g, res.json.id);
};
