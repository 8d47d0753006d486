import { repositories, webhookHostResolver, webhookSecretBox, webhookUrlPolicy } from '@sello/aws';
import { routes } from '@sello/contracts';
import { createWebhook, systemClock, ulidIds, webhookView } from '@sello/core';
import { created, httpHandler } from '@sello/http';

const deps = {
  subscriptions: repositories().webhookSubscriptions,
  secrets: webhookSecretBox(),
  clock: systemClock,
  ids: ulidIds,
  resolveHost: webhookHostResolver,
};

export const handler = httpHandler(routes.createWebhook, async ({ principal, body }) => {
  // The policy is read per request: the environment decides production or local mode.
  const { subscription, secret } = await createWebhook({ ...deps, urlPolicy: webhookUrlPolicy() })(
    principal.tenantId,
    body,
  );
  return created({ ...webhookView(subscription), secret }, `/v1/webhooks/${subscription.id}`);
});
