import { createTariff } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { tariffView } from '@sello/core/catalog';
import { created, versionEtag } from '@sello/http';

const create = createTariff();

export const handler = httpHandler(routes.createTariff, async ({ principal, body }) => {
  const tariff = await create(principal.tenantId, body);
  return created(tariffView(tariff), `/v1/tariffs/${tariff.id}`, versionEtag(tariff.version));
});
