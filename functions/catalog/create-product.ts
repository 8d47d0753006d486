import { createProduct } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { productView } from '@sello/core/catalog';
import { created, versionEtag } from '@sello/http';

const create = createProduct();

export const handler = httpHandler(routes.createProduct, async ({ principal, body }) => {
  const product = await create(principal.tenantId, body);
  return created(productView(product), `/v1/products/${product.id}`, versionEtag(product.version));
});
