import { updateClaim } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { claimView } from '@sello/core/claims';
import { ok, versionEtag } from '@sello/http';

const update = updateClaim();

export const handler = httpHandler(
  routes.updateClaim,
  async ({ principal, params, body, expectedVersion }) => {
    const claim = await update(principal.tenantId, params.id, body, expectedVersion);
    return ok(claimView(claim), { etag: versionEtag(claim.version) });
  },
);
