import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { deleteProduct, systemClock } from '@sello/core';
import { httpHandler, noContent } from '@sello/http';

const remove = deleteProduct({ products: repositories().products, clock: systemClock });

export const handler = httpHandler(routes.deleteProduct, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
