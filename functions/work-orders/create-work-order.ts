import { httpHandler } from '@sello/app/http';
import { createWorkOrder } from '@sello/app/work-orders';
import { routes } from '@sello/contracts';
import { workOrderView } from '@sello/core/tasks';
import { created, versionEtag } from '@sello/http';

const create = createWorkOrder();

export const handler = httpHandler(routes.createWorkOrder, async ({ principal, body }) => {
  const order = await create(principal.tenantId, body);
  return created(workOrderView(order), `/v1/work-orders/${order.id}`, versionEtag(order.version));
});
