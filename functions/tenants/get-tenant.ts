import { httpHandler } from '@sello/app/http';
import { getTenant } from '@sello/app/tenants';
import { routes } from '@sello/contracts';
import { tenantView } from '@sello/core/tenants';
import { ok } from '@sello/http';

const get = getTenant();

export const handler = httpHandler(routes.getTenant, async ({ principal }) =>
  ok(tenantView(await get(principal.tenantId))),
);
