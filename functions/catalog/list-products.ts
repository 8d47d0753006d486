import { listProducts } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { productView } from '@sello/core/catalog';
import { ok } from '@sello/http';

const list = listProducts();

export const handler = httpHandler(routes.listProducts, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(productView) });
});
