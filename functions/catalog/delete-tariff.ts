import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { deleteTariff, systemClock } from '@sello/core';
import { httpHandler, noContent } from '@sello/http';

const remove = deleteTariff({ tariffs: repositories().tariffs, clock: systemClock });

export const handler = httpHandler(routes.deleteTariff, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
