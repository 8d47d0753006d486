import { listCustomers } from '@sello/app/customers';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { customerView } from '@sello/core/customers';
import { ok } from '@sello/http';

const list = listCustomers();

export const handler = httpHandler(routes.listCustomers, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(customerView) });
});
