import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { listTariffs, tariffView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listTariffs({ tariffs: repositories().tariffs });

export const handler = httpHandler(routes.listTariffs, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(tariffView) });
});
