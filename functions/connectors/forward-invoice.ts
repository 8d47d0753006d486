import { requestForwarding } from '@sello/app/connectors';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { forwardingOf, forwardingView } from '@sello/core/connectors';

const forward = requestForwarding();

export const handler = httpHandler(routes.forwardInvoice, async ({ principal, params, body }) => {
  const caller = {
    tenantId: principal.tenantId,
    ...(principal.kind === 'staff' ? { userId: principal.userId } : {}),
  };
  const invoice = await forward(caller, params.id, body.connector);
  return {
    status: 202,
    body: forwardingView(forwardingOf(invoice, body.connector)!),
    headers: { location: `/v1/invoices/${invoice.id}` },
  };
});
