import { httpHandler } from '@sello/app/http';
import { createApiKey } from '@sello/app/tenants';
import { routes } from '@sello/contracts';
import { apiKeyView } from '@sello/core/tenants';
import { created } from '@sello/http';

const create = createApiKey();

export const handler = httpHandler(routes.createApiKey, async ({ principal, body }) => {
  const { record, secret } = await create(principal.tenantId, body.name);
  return created({ ...apiKeyView(record), key: secret }, `/v1/api-keys/${record.id}`);
});
