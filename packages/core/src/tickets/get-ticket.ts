import { NotFoundError } from '../errors.ts';
import type { Page } from '../shared/page.ts';
import type { Ticket, TicketListQuery, TicketRepository } from './model.ts';
import { referenceOfId } from './validate.ts';

/** One ticket by its id (`tkt_…`); a NotFoundError for an unknown one. */
export const getTicket =
  (deps: { tickets: TicketRepository }) =>
  async (tenantId: string, id: string): Promise<Ticket> => {
    const reference = referenceOfId(id);
    const ticket =
      reference === undefined ? undefined : await deps.tickets.get(tenantId, reference);
    if (!ticket) throw new NotFoundError('Ticket', id);
    return ticket;
  };

/** The tenant's tickets, newest sale first, filtered by status, store, reference and sale dates. */
export const listTickets =
  (deps: { tickets: TicketRepository }) =>
  (tenantId: string, query: TicketListQuery): Promise<Page<Ticket>> =>
    deps.tickets.list(tenantId, query);
