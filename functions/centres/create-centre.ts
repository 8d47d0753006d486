import { createCentre } from '@sello/app/centres';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { centreView } from '@sello/core/centres';
import { created, versionEtag } from '@sello/http';

const create = createCentre();

export const handler = httpHandler(routes.createCentre, async ({ principal, body }) => {
  const centre = await create(principal.tenantId, body);
  return created(centreView(centre), `/v1/centres/${centre.id}`, versionEtag(centre.version));
});
