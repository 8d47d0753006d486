import { httpHandler } from '@sello/app/http';
import { voidInvoice } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok, versionEtag } from '@sello/http';

const annul = voidInvoice();

export const handler = httpHandler(routes.voidInvoice, async ({ principal, params, body }) => {
  const { invoice } = await annul(principal.tenantId, params.id, body.reason);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
