import { deleteTariff } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { noContent } from '@sello/http';

const remove = deleteTariff();

export const handler = httpHandler(routes.deleteTariff, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
