import { getCustomer } from '@sello/app/customers';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { customerView } from '@sello/core/customers';
import { ok, versionEtag } from '@sello/http';

const get = getCustomer();

export const handler = httpHandler(routes.getCustomer, async ({ principal, params }) => {
  const customer = await get(principal.tenantId, params.id);
  return ok(customerView(customer), { etag: versionEtag(customer.version) });
});
