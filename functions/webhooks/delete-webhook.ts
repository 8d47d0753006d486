import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { deleteWebhook } from '@sello/core';
import { httpHandler, noContent } from '@sello/http';

const remove = deleteWebhook({ subscriptions: repositories().webhookSubscriptions });

export const handler = httpHandler(routes.deleteWebhook, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
