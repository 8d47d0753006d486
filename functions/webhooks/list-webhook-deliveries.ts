import { httpHandler } from '@sello/app/http';
import { listWebhookDeliveries } from '@sello/app/webhooks';
import { routes } from '@sello/contracts';
import { webhookDeliveryView } from '@sello/core/webhooks';
import { ok } from '@sello/http';

const list = listWebhookDeliveries();

export const handler = httpHandler(
  routes.listWebhookDeliveries,
  async ({ principal, params, query }) => {
    const page = await list(principal.tenantId, params.id, query);
    return ok({ ...page, items: page.items.map(webhookDeliveryView) });
  },
);
