import { httpHandler } from '@sello/app/http';
import { updateWebhook } from '@sello/app/webhooks';
import { routes } from '@sello/contracts';
import { webhookVersion, webhookView } from '@sello/core/webhooks';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateWebhook();

export const handler = httpHandler(
  routes.updateWebhook,
  async ({ principal, params, body, headers }) => {
    const subscription = await update(
      principal.tenantId,
      params.id,
      body,
      ifMatchVersion(headers['if-match']),
    );
    return ok(webhookView(subscription), { etag: versionEtag(webhookVersion(subscription)) });
  },
);
