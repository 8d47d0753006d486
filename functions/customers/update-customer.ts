import { updateCustomer } from '@sello/app/customers';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { customerView } from '@sello/core/customers';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateCustomer();

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
