import { deleteProduct } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { noContent } from '@sello/http';

const remove = deleteProduct();

export const handler = httpHandler(routes.deleteProduct, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
