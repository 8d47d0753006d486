import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { createTariff, systemClock, tariffView, ulidIds } from '@sello/core';
import { created, httpHandler, versionEtag } from '@sello/http';

const create = createTariff({
  tariffs: repositories().tariffs,
  products: repositories().products,
  clock: systemClock,
  ids: ulidIds,
});

export const handler = httpHandler(routes.createTariff, async ({ principal, body }) => {
  const tariff = await create(principal.tenantId, body);
  return created(tariffView(tariff), `/v1/tariffs/${tariff.id}`, versionEtag(tariff.version));
});
