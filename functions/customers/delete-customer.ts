import { deleteCustomer } from '@sello/app/customers';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { noContent } from '@sello/http';

const remove = deleteCustomer();

export const handler = httpHandler(routes.deleteCustomer, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
