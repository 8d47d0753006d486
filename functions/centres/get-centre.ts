import { getCentre } from '@sello/app/centres';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { centreView } from '@sello/core/centres';
import { ok, versionEtag } from '@sello/http';

const get = getCentre();

export const handler = httpHandler(routes.getCentre, async ({ principal, params }) => {
  const centre = await get(principal.tenantId, params.id);
  return ok(centreView(centre), { etag: versionEtag(centre.version) });
});
