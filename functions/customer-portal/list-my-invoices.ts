import { listMyInvoices } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok } from '@sello/http';

const list = listMyInvoices();

export const handler = httpHandler(routes.listMyInvoices, async ({ principal, params, query }) => {
  const page = await list(principal, params.tenantId, query);
  return ok({ ...page, items: page.items.map(invoiceView) });
});
