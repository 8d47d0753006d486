import { updateCentre } from '@sello/app/centres';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { centreView } from '@sello/core/centres';
import { ok, versionEtag } from '@sello/http';

const update = updateCentre();

export const handler = httpHandler(
  routes.updateCentre,
  async ({ principal, params, body, expectedVersion }) => {
    const centre = await update(principal.tenantId, params.id, body, expectedVersion);
    return ok(centreView(centre), { etag: versionEtag(centre.version) });
  },
);
