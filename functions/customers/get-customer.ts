import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { customerView, getCustomer } from '@sello/core';
import { httpHandler, ok, versionEtag } from '@sello/http';

const get = getCustomer({ customers: repositories().customers });

export const handler = httpHandler(routes.getCustomer, async ({ principal, params }) => {
  const customer = await get(principal.tenantId, params.id);
  return ok(customerView(customer), { etag: versionEtag(customer.version) });
});
