import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { customerView, listCustomers } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listCustomers({ customers: repositories().customers });

export const handler = httpHandler(routes.listCustomers, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(customerView) });
});
