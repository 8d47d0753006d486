import { httpHandler } from '@sello/app/http';
import { updateWorkOrder } from '@sello/app/work-orders';
import { routes } from '@sello/contracts';
import { workOrderView } from '@sello/core/tasks';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateWorkOrder();

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
