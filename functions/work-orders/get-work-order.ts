import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getWorkOrder, workOrderView } from '@sello/core';
import { httpHandler, ok, versionEtag } from '@sello/http';

const get = getWorkOrder({ workOrders: repositories().workOrders });

export const handler = httpHandler(routes.getWorkOrder, async ({ principal, params }) => {
  const order = await get(principal.tenantId, params.id);
  return ok(workOrderView(order), { etag: versionEtag(order.version) });
});
