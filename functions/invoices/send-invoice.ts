import { httpHandler } from '@sello/app/http';
import { sendInvoice } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok, versionEtag } from '@sello/http';

const send = sendInvoice();

export const handler = httpHandler(routes.sendInvoice, async ({ principal, params, body }) => {
  const invoice = await send(principal.tenantId, params.id, body.to);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
