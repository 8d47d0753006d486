import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { createCustomer, customerView, systemClock, ulidIds } from '@sello/core';
import { created, httpHandler, versionEtag } from '@sello/http';

const create = createCustomer({
  customers: repositories().customers,
  tariffs: repositories().tariffs,
  clock: systemClock,
  ids: ulidIds,
});

export const handler = httpHandler(routes.createCustomer, async ({ principal, body }) => {
  const customer = await create(principal.tenantId, body);
  return created(
    customerView(customer),
    `/v1/customers/${customer.id}`,
    versionEtag(customer.version),
  );
});
