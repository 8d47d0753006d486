import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getProduct, productView } from '@sello/core';
import { httpHandler, ok, versionEtag } from '@sello/http';

const get = getProduct({ products: repositories().products });

export const handler = httpHandler(routes.getProduct, async ({ principal, params }) => {
  const product = await get(principal.tenantId, params.id);
  return ok(productView(product), { etag: versionEtag(product.version) });
});
