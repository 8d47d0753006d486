import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getTariff, tariffView } from '@sello/core';
import { httpHandler, ok, versionEtag } from '@sello/http';

const get = getTariff({ tariffs: repositories().tariffs });

export const handler = httpHandler(routes.getTariff, async ({ principal, params }) => {
  const tariff = await get(principal.tenantId, params.id);
  return ok(tariffView(tariff), { etag: versionEtag(tariff.version) });
});
