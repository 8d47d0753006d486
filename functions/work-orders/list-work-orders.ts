import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { listWorkOrders, workOrderView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listWorkOrders({ workOrders: repositories().workOrders });

export const handler = httpHandler(routes.listWorkOrders, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(workOrderView) });
});
