import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { customerView, systemClock, updateCustomer } from '@sello/core';
import { httpHandler, ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateCustomer({
  customers: repositories().customers,
  tariffs: repositories().tariffs,
  clock: systemClock,
});

export const handler = httpHandler(
  routes.updateCustomer,
  async ({ principal, params, body, headers }) => {
    const customer = await update(
      principal.tenantId,
      params.id,
      body,
      ifMatchVersion(headers['if-match']),
    );
    return ok(customerView(customer), { etag: versionEtag(customer.version) });
  },
);
