import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getTenant, tenantView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const get = getTenant({ tenants: repositories().tenants });

export const handler = httpHandler(routes.getTenant, async ({ principal }) =>
  ok(tenantView(await get(principal.tenantId))),
);
