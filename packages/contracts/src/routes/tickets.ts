import { defineRoute, type RouteDef } from '../route.ts';
import { pageOf } from '../schemas/common.ts';
import {
  Ticket,
  TicketIdParams,
  TicketImport,
  TicketImportResult,
  TicketListQuery,
} from '../schemas/tickets.ts';
import { problem, read, readWrite } from './shared.ts';

const Imported = Ticket.or(TicketImportResult);

/** Routes of this area; spread into the route table in ../routes.ts. */
export const ticketsRoutes = {
  importTickets: defineRoute({
    id: 'importTickets',
    method: 'POST',
    path: '/v1/tickets',
    entry: 'functions/tickets/import-tickets.ts',
    auth: 'tenant',
    access: readWrite,
    summary:
      'Import sales tickets: one, or `{tickets: […]}` with up to 1,000, all or none. ' +
      'Idempotent by reference (the same content is answered as already there)',
    tag: 'Tickets',
    request: { body: TicketImport },
    responses: {
      200: {
        description: 'Every ticket was there already, with the same content',
        schema: Imported,
      },
      201: {
        description: 'Imported: the ticket (one), or what became of each (a batch)',
        schema: Imported,
      },
      400: problem('Invalid tickets; `errors` names each field, e.g. `tickets.3.total`'),
      409: problem('A reference exists with other content; `errors` names its `reference`'),
    },
    timeoutSeconds: 30,
    memoryMb: 1024,
  }),
  listTickets: defineRoute({
    id: 'listTickets',
    method: 'GET',
    path: '/v1/tickets',
    entry: 'functions/tickets/list-tickets.ts',
    auth: 'tenant',
    access: read,
    summary: 'List tickets, newest sale first, by status, store, reference and sale dates',
    tag: 'Tickets',
    request: { query: TicketListQuery },
    responses: { 200: { description: 'A page of tickets', schema: pageOf(Ticket) } },
  }),
  getTicket: defineRoute({
    id: 'getTicket',
    method: 'GET',
    path: '/v1/tickets/{id}',
    entry: 'functions/tickets/get-ticket.ts',
    auth: 'tenant',
    access: read,
    summary: 'Get a ticket by its id (by reference: `GET /v1/tickets?reference=…`)',
    tag: 'Tickets',
    request: { params: TicketIdParams },
    responses: {
      200: { description: 'The ticket, with its status', schema: Ticket },
      404: problem('No such ticket'),
    },
  }),
} as const satisfies Record<string, RouteDef>;
