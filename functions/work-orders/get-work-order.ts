import { httpHandler } from '@sello/app/http';
import { getWorkOrder } from '@sello/app/work-orders';
import { routes } from '@sello/contracts';
import { workOrderView } from '@sello/core/tasks';
import { ok, versionEtag } from '@sello/http';

const get = getWorkOrder();

export const handler = httpHandler(routes.getWorkOrder, async ({ principal, params }) => {
  const order = await get(principal.tenantId, params.id);
  return ok(workOrderView(order), { etag: versionEtag(order.version) });
});
