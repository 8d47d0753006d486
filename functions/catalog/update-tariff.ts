import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { systemClock, tariffView, updateTariff } from '@sello/core';
import { httpHandler, ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateTariff({
  tariffs: repositories().tariffs,
  products: repositories().products,
  clock: systemClock,
});

export const handler = httpHandler(
  routes.updateTariff,
  async ({ principal, params, body, headers }) => {
    const tariff = await update(
      principal.tenantId,
      params.id,
      body,
      ifMatchVersion(headers['if-match']),
    );
    return ok(tariffView(tariff), { etag: versionEtag(tariff.version) });
  },
);
