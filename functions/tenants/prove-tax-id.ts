import { httpHandler } from '@sello/app/http';
import { proveTaxId } from '@sello/app/tenants';
import { routes } from '@sello/contracts';
import { tenantView } from '@sello/core/tenants';
import { ok } from '@sello/http';

const prove = proveTaxId();

export const handler = httpHandler(routes.proveTaxId, async ({ principal, body, event }) =>
  ok(tenantView(await prove(principal.tenantId, body, { ip: event.requestContext.http.sourceIp }))),
);
