import { invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { invoiceView, voidInvoice } from '@sello/core';
import { httpHandler, ok, versionEtag } from '@sello/http';

const annul = voidInvoice(invoiceDeps());

export const handler = httpHandler(routes.voidInvoice, async ({ principal, params, body }) => {
  const { invoice } = await annul(principal.tenantId, params.id, body.reason);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
