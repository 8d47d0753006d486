import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { inboxEntryView, listInbox } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const r = repositories();
const list = listInbox({ inbox: r.inbox, invoices: r.invoices, tenants: r.tenants });

export const handler = httpHandler(routes.listInbox, async ({ principal, query }) => {
  const page = await list(principal, query);
  return ok({ ...page, items: page.items.map(inboxEntryView) });
});
