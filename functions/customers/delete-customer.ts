import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { deleteCustomer, systemClock } from '@sello/core';
import { httpHandler, noContent } from '@sello/http';

const remove = deleteCustomer({ customers: repositories().customers, clock: systemClock });

export const handler = httpHandler(routes.deleteCustomer, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
