import { getTariff } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { tariffView } from '@sello/core/catalog';
import { ok, versionEtag } from '@sello/http';

const get = getTariff();

export const handler = httpHandler(routes.getTariff, async ({ principal, params }) => {
  const tariff = await get(principal.tenantId, params.id);
  return ok(tariffView(tariff), { etag: versionEtag(tariff.version) });
});
