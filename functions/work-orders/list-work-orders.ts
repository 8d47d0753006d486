import { httpHandler } from '@sello/app/http';
import { listWorkOrders } from '@sello/app/work-orders';
import { routes } from '@sello/contracts';
import { workOrderView } from '@sello/core/tasks';
import { ok } from '@sello/http';

const list = listWorkOrders();

export const handler = httpHandler(routes.listWorkOrders, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(workOrderView) });
});
