import { httpHandler } from '@sello/app/http';
import { listApiKeys } from '@sello/app/tenants';
import { routes } from '@sello/contracts';
import { apiKeyView } from '@sello/core/tenants';
import { ok } from '@sello/http';

const list = listApiKeys();

export const handler = httpHandler(routes.listApiKeys, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(apiKeyView) });
});
