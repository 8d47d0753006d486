import { httpHandler } from '@sello/app/http';
import { getTenant } from '@sello/app/tenants';
import { routes } from '@sello/contracts';
import { tenantVersion, tenantView } from '@sello/core/tenants';
import { ok, versionEtag } from '@sello/http';

const get = getTenant();

export const handler = httpHandler(routes.getTenant, async ({ principal }) => {
  const tenant = await get(principal.tenantId);
  return ok(tenantView(tenant), { etag: versionEtag(tenantVersion(tenant)) });
});
