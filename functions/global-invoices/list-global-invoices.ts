import { listGlobalInvoices } from '@sello/app/global-invoices';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { globalInvoiceView } from '@sello/core/tickets';
import { ok } from '@sello/http';

const list = listGlobalInvoices();

export const handler = httpHandler(routes.listGlobalInvoices, async ({ principal }) => {
  const items = await list(principal.tenantId);
  return ok({ items: items.map(globalInvoiceView) });
});
