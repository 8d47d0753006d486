import { httpHandler } from '@sello/app/http';
import { getWebhook } from '@sello/app/webhooks';
import { routes } from '@sello/contracts';
import { webhookVersion, webhookView } from '@sello/core/webhooks';
import { ok, versionEtag } from '@sello/http';

const get = getWebhook();

export const handler = httpHandler(routes.getWebhook, async ({ principal, params }) => {
  const subscription = await get(principal.tenantId, params.id);
  return ok(webhookView(subscription), { etag: versionEtag(webhookVersion(subscription)) });
});
