import { updateTariff } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { tariffView } from '@sello/core/catalog';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateTariff();

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
