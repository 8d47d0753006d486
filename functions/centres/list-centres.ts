import { listCentres } from '@sello/app/centres';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { centreView } from '@sello/core/centres';
import { ok } from '@sello/http';

const list = listCentres();

export const handler = httpHandler(routes.listCentres, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(centreView) });
});
