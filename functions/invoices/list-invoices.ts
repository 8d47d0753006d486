import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { invoiceView, listInvoices } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listInvoices({ invoices: repositories().invoices });

export const handler = httpHandler(routes.listInvoices, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(invoiceView) });
});
