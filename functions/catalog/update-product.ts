import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { productView, systemClock, updateProduct } from '@sello/core';
import { httpHandler, ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateProduct({ products: repositories().products, clock: systemClock });

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
