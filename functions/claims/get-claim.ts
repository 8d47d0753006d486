import { getClaim } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { claimView } from '@sello/core/claims';
import { ok, versionEtag } from '@sello/http';

const get = getClaim();

export const handler = httpHandler(routes.getClaim, async ({ principal, params }) => {
  const claim = await get(principal.tenantId, params.id);
  return ok(claimView(claim), { etag: versionEtag(claim.version) });
});
