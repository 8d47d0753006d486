import { httpHandler } from '@sello/app/http';
import { rotateWebhookSecret } from '@sello/app/webhooks';
import { routes } from '@sello/contracts';
import { webhookView } from '@sello/core/webhooks';
import { ok } from '@sello/http';

const rotate = rotateWebhookSecret();

export const handler = httpHandler(routes.rotateWebhookSecret, async ({ principal, params }) => {
  const { subscription, secret } = await rotate(principal.tenantId, params.id);
  return ok({ ...webhookView(subscription), secret });
});
