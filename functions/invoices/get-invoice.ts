import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getInvoice, invoiceView } from '@sello/core';
import { httpHandler, ok, versionEtag } from '@sello/http';

const get = getInvoice({ invoices: repositories().invoices });

export const handler = httpHandler(routes.getInvoice, async ({ principal, params }) => {
  const invoice = await get(principal.tenantId, params.id);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
