import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { listWebhooks, webhookView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listWebhooks({ subscriptions: repositories().webhookSubscriptions });

export const handler = httpHandler(routes.listWebhooks, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(webhookView) });
});
