import { createMyInvoice } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { created, versionEtag } from '@sello/http';

const create = createMyInvoice();

export const handler = httpHandler(routes.createMyInvoice, async ({ principal, params, body }) => {
  const invoice = await create(principal, params.tenantId, body.depositIds);
  return created(
    invoiceView(invoice),
    `/v1/recipients/me/suppliers/${params.tenantId}/invoices/${invoice.id}`,
    versionEtag(invoice.version),
  );
});
