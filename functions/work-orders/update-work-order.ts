import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { systemClock, updateWorkOrder, workOrderView } from '@sello/core';
import { httpHandler, ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateWorkOrder({ workOrders: repositories().workOrders, clock: systemClock });

export const handler = httpHandler(
  routes.updateWorkOrder,
  async ({ principal, params, body, headers }) => {
    const order = await update(
      principal.tenantId,
      params.id,
      body,
      ifMatchVersion(headers['if-match']),
    );
    return ok(workOrderView(order), { etag: versionEtag(order.version) });
  },
);
