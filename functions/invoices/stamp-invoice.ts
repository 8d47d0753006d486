import { stampInvoice } from '@sello/app/cfdi';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok, versionEtag } from '@sello/http';

const stamp = stampInvoice();

export const handler = httpHandler(routes.stampInvoice, async ({ principal, params }) => {
  const invoice = await stamp(principal.tenantId, params.id);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
