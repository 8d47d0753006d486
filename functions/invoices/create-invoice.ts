import { invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { createInvoice, invoiceView } from '@sello/core';
import { created, httpHandler, versionEtag } from '@sello/http';

const create = createInvoice(invoiceDeps());

export const handler = httpHandler(routes.createInvoice, async ({ principal, body }) => {
  const invoice = await create(principal.tenantId, body);
  return created(invoiceView(invoice), `/v1/invoices/${invoice.id}`, versionEtag(invoice.version));
});
