import { httpHandler } from '@sello/app/http';
import { deleteWebhook } from '@sello/app/webhooks';
import { routes } from '@sello/contracts';
import { noContent } from '@sello/http';

const remove = deleteWebhook();

export const handler = httpHandler(routes.deleteWebhook, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
