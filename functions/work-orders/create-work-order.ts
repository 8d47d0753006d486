import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { createWorkOrder, systemClock, ulidIds, workOrderView } from '@sello/core';
import { created, httpHandler, versionEtag } from '@sello/http';

const r = repositories();
const create = createWorkOrder({
  workOrders: r.workOrders,
  customers: r.customers,
  products: r.products,
  clock: systemClock,
  ids: ulidIds,
});

export const handler = httpHandler(routes.createWorkOrder, async ({ principal, body }) => {
  const order = await create(principal.tenantId, body);
  return created(workOrderView(order), `/v1/work-orders/${order.id}`, versionEtag(order.version));
});
