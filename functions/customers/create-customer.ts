import { createCustomer } from '@sello/app/customers';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { customerView } from '@sello/core/customers';
import { created, versionEtag } from '@sello/http';

const create = createCustomer();

export const handler = httpHandler(routes.createCustomer, async ({ principal, body }) => {
  const customer = await create(principal.tenantId, body);
  return created(
    customerView(customer),
    `/v1/customers/${customer.id}`,
    versionEtag(customer.version),
  );
});
