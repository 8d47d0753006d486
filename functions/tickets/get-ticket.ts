import { httpHandler } from '@sello/app/http';
import { getTicket } from '@sello/app/tickets';
import { routes } from '@sello/contracts';
import { ticketView } from '@sello/core/tickets';
import { ok } from '@sello/http';

const get = getTicket();

export const handler = httpHandler(routes.getTicket, async ({ principal, params }) => {
  return ok(ticketView(await get(principal.tenantId, params.id)));
});
