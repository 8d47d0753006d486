import { closeGlobalPeriod } from '@sello/app/global-invoices';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { globalInvoiceView, parsePeriod } from '@sello/core/tickets';
import { ok } from '@sello/http';

const close = closeGlobalPeriod();

export const handler = httpHandler(routes.closeGlobalPeriod, async ({ principal, body }) => {
  const global = await close(
    principal.tenantId,
    body.period ? parsePeriod(body.period) : undefined,
  );
  return ok(global ? { global: globalInvoiceView(global) } : {});
});
