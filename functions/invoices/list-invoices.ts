import { httpHandler } from '@sello/app/http';
import { listInvoices } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok } from '@sello/http';

const list = listInvoices();

export const handler = httpHandler(routes.listInvoices, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(invoiceView) });
});
