import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { getInboxInvoice, inboxInvoiceView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const r = repositories();
const get = getInboxInvoice({ invoices: r.invoices, tenants: r.tenants });

export const handler = httpHandler(routes.getInboxInvoice, async ({ principal, params }) =>
  ok(inboxInvoiceView(await get(principal, params.id))),
);
