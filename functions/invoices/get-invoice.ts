import { httpHandler } from '@sello/app/http';
import { getInvoice } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok, versionEtag } from '@sello/http';

const get = getInvoice();

export const handler = httpHandler(routes.getInvoice, async ({ principal, params }) => {
  const invoice = await get(principal.tenantId, params.id);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
