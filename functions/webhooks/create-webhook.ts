import { httpHandler } from '@sello/app/http';
import { createWebhook } from '@sello/app/webhooks';
import { routes } from '@sello/contracts';
import { webhookView } from '@sello/core/webhooks';
import { created } from '@sello/http';

const create = createWebhook();

export const handler = httpHandler(routes.createWebhook, async ({ principal, body }) => {
  const { subscription, secret } = await create(principal.tenantId, body);
  return created({ ...webhookView(subscription), secret }, `/v1/webhooks/${subscription.id}`);
});
