import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { apiKeyView, createApiKey, systemClock, ulidIds } from '@sello/core';
import { created, httpHandler } from '@sello/http';

const create = createApiKey({ apiKeys: repositories().apiKeys, clock: systemClock, ids: ulidIds });

export const handler = httpHandler(routes.createApiKey, async ({ principal, body }) => {
  const { record, secret } = await create(principal.tenantId, body.name);
  return created({ ...apiKeyView(record), key: secret }, `/v1/api-keys/${record.id}`);
});
