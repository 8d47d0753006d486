import { httpHandler } from '@sello/app/http';
import { listTickets } from '@sello/app/tickets';
import { routes } from '@sello/contracts';
import { ticketView } from '@sello/core/tickets';
import { ok } from '@sello/http';

const list = listTickets();

export const handler = httpHandler(routes.listTickets, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(ticketView) });
});
