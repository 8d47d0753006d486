import { getProduct } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { productView } from '@sello/core/catalog';
import { ok, versionEtag } from '@sello/http';

const get = getProduct();

export const handler = httpHandler(routes.getProduct, async ({ principal, params }) => {
  const product = await get(principal.tenantId, params.id);
  return ok(productView(product), { etag: versionEtag(product.version) });
});
