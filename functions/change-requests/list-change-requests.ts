import { listChangeRequests } from '@sello/app/change-requests';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { changeRequestView } from '@sello/core/change-requests';
import { ok } from '@sello/http';

const list = listChangeRequests();

export const handler = httpHandler(routes.listChangeRequests, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(changeRequestView) });
});
