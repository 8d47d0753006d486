import { httpHandler } from '@sello/app/http';
import { updateTenant } from '@sello/app/tenants';
import { routes } from '@sello/contracts';
import { tenantVersion, tenantView } from '@sello/core/tenants';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateTenant();

export const handler = httpHandler(routes.updateTenant, async ({ principal, body, headers }) => {
  const tenant = await update(principal.tenantId, body, ifMatchVersion(headers['if-match']));
  return ok(tenantView(tenant), { etag: versionEtag(tenantVersion(tenant)) });
});
