import { httpHandler } from '@sello/app/http';
import { importTickets } from '@sello/app/tickets';
import { routes } from '@sello/contracts';
import { ticketView } from '@sello/core/tickets';

const run = importTickets();

export const handler = httpHandler(routes.importTickets, async ({ principal, body }) => {
  const batch = 'tickets' in body;
  const imported = await run(principal.tenantId, batch ? body.tickets : [body], batch);
  // A reference given twice in one request is one ticket: count tickets, not entries.
  const created = new Set(imported.filter((t) => t.created).map((t) => t.ticket.reference)).size;
  const existing = new Set(imported.filter((t) => !t.created).map((t) => t.ticket.reference)).size;
  const status = created ? 201 : 200;
  if (!batch) {
    const { ticket } = imported[0]!;
    return {
      status,
      body: ticketView(ticket),
      ...(created ? { headers: { location: `/v1/tickets/${ticket.id}` } } : {}),
    };
  }
  return {
    status,
    body: {
      created,
      existing,
      items: imported.map(({ ticket, created }) => ({
        id: ticket.id,
        reference: ticket.reference,
        status: ticket.status,
        created,
      })),
    },
  };
});
