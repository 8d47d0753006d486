import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { listProducts, productView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listProducts({ products: repositories().products });

export const handler = httpHandler(routes.listProducts, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(productView) });
});
