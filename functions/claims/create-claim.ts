import { createClaim } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { claimView } from '@sello/core/claims';
import { created, versionEtag } from '@sello/http';

const create = createClaim();

export const handler = httpHandler(routes.createClaim, async ({ principal, body }) => {
  const claim = await create(principal.tenantId, body);
  return created(claimView(claim), `/v1/claims/${claim.id}`, versionEtag(claim.version));
});
