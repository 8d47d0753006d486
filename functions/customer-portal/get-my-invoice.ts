import { getMyInvoice } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok, versionEtag } from '@sello/http';

const get = getMyInvoice();

export const handler = httpHandler(routes.getMyInvoice, async ({ principal, params }) => {
  const invoice = await get(principal, params.tenantId, params.id);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
