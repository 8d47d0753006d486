import { updateProduct } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { productView } from '@sello/core/catalog';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateProduct();

export const handler = httpHandler(
  routes.updateProduct,
  async ({ principal, params, body, headers }) => {
    const product = await update(
      principal.tenantId,
      params.id,
      body,
      ifMatchVersion(headers['if-match']),
    );
    return ok(productView(product), { etag: versionEtag(product.version) });
  },
);
