import { repositories, webhookEvents } from '@sello/aws';
import { routes } from '@sello/contracts';
import { inboxInvoiceView, setInboxStatus, systemClock } from '@sello/core';
import { httpHandler, logger, ok } from '@sello/http';

const r = repositories();
const setStatus = setInboxStatus({
  invoices: r.invoices,
  tenants: r.tenants,
  clock: systemClock,
  events: webhookEvents(),
  report: (error) => logger.error('status change not published', { error: error as Error }),
});

export const handler = httpHandler(routes.setInboxStatus, async ({ principal, params, body }) =>
  ok(inboxInvoiceView(await setStatus(principal, params.id, body))),
);
