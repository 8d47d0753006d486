import { listTariffs } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { tariffView } from '@sello/core/catalog';
import { ok } from '@sello/http';

const list = listTariffs();

export const handler = httpHandler(routes.listTariffs, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(tariffView) });
});
