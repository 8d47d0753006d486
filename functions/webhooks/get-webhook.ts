import { httpHandler } from '@sello/app/http';
import { getWebhook } from '@sello/app/webhooks';
import { routes } from '@sello/contracts';
import { webhookView } from '@sello/core/webhooks';
import { ok } from '@sello/http';

const get = getWebhook();

export const handler = httpHandler(routes.getWebhook, async ({ principal, params }) =>
  ok(webhookView(await get(principal.tenantId, params.id))),
);
