import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getWebhook, webhookView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const get = getWebhook({ subscriptions: repositories().webhookSubscriptions });

export const handler = httpHandler(routes.getWebhook, async ({ principal, params }) =>
  ok(webhookView(await get(principal.tenantId, params.id))),
);
