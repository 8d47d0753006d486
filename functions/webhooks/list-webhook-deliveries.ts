import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { listWebhookDeliveries, webhookDeliveryView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listWebhookDeliveries({
  subscriptions: repositories().webhookSubscriptions,
  deliveries: repositories().webhookDeliveries,
});

export const handler = httpHandler(
  routes.listWebhookDeliveries,
  async ({ principal, params, query }) => {
    const page = await list(principal.tenantId, params.id, query);
    return ok({ ...page, items: page.items.map(webhookDeliveryView) });
  },
);
