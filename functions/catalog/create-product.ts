import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { createProduct, productView, systemClock, ulidIds } from '@sello/core';
import { created, httpHandler, versionEtag } from '@sello/http';

const create = createProduct({
  products: repositories().products,
  clock: systemClock,
  ids: ulidIds,
});

export const handler = httpHandler(routes.createProduct, async ({ principal, body }) => {
  const product = await create(principal.tenantId, body);
  return created(productView(product), `/v1/products/${product.id}`, versionEtag(product.version));
});
