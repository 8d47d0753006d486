import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { apiKeyView, listApiKeys } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listApiKeys({ apiKeys: repositories().apiKeys });

export const handler = httpHandler(routes.listApiKeys, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(apiKeyView) });
});
