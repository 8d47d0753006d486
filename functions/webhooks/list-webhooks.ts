import { httpHandler } from '@sello/app/http';
import { listWebhooks } from '@sello/app/webhooks';
import { routes } from '@sello/contracts';
import { webhookView } from '@sello/core/webhooks';
import { ok } from '@sello/http';

const list = listWebhooks();

export const handler = httpHandler(routes.listWebhooks, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(webhookView) });
});
