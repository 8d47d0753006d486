import { listMySuppliers } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { ok } from '@sello/http';

const list = listMySuppliers();

export const handler = httpHandler(routes.listMySuppliers, async ({ principal }) =>
  ok({ items: await list(principal) }),
);
