import { defineRoute, defineTriggered, type RouteDef, type TriggeredDef } from '../route.ts';
import { pageOf } from '../schemas/common.ts';
import {
  CompanyNumberParams,
  DocumentTokenParams,
  LateRequestAnswer,
  PublicCompany,
  Redemption,
  RedemptionInput,
} from '../schemas/self-invoicing.ts';
import {
  DeclineLateRequestInput,
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
  approveLateRequest: defineRoute({
    id: 'approveLateRequest',
    method: 'POST',
    path: '/v1/tickets/{id}/approve-late-request',
    entry: 'functions/tickets/approve-late-request.ts',
    auth: 'tenant',
    // A Mexican ticket already in a global reissues that global and cancels the old one here.
    access: [...readWrite, 'artifacts:write', 'signing:sign', 'pac:stamp'],
    invokes: ['processIssuedInvoices', 'sendSelfInvoice', 'stampCfdi'],
    summary: "Approve a buyer's late request: the ticket is invoiced to the buyer it names",
    tag: 'Tickets',
    request: { params: TicketIdParams },
    responses: {
      201: { description: 'Issued; links to its XML and PDF', schema: Redemption },
      404: problem('No such ticket'),
      409: problem('No late request awaits, or the ticket is invoiced already'),
    },
    timeoutSeconds: 30,
  }),
  declineLateRequest: defineRoute({
    id: 'declineLateRequest',
    method: 'POST',
    path: '/v1/tickets/{id}/decline-late-request',
    entry: 'functions/tickets/decline-late-request.ts',
    auth: 'tenant',
    access: [...readWrite, 'mail:send'],
    summary:
      "Decline a buyer's late request, saying why: the buyer is e-mailed the reason, the ticket " +
      'stays as it was (open for the global invoice) and the request can no longer be approved',
    tag: 'Tickets',
    request: { params: TicketIdParams, body: DeclineLateRequestInput },
    responses: {
      200: { description: 'Declined; the ticket with `declinedLateRequest`', schema: Ticket },
      400: problem('No reason, or too long; `errors` names `reason`'),
      404: problem('No such ticket'),
      409: problem('No late request awaits (none, approved, or declined already)'),
    },
  }),
  getSelfInvoicingCompany: defineRoute({
    id: 'getSelfInvoicingCompany',
    method: 'GET',
    path: '/v1/public/self-invoicing/{companyNumber}',
    entry: 'functions/tickets/get-self-invoicing-company.ts',
    auth: 'public',
    access: read,
    summary: 'Public: the company behind a number printed on tickets, and what the buyer types',
    tag: 'Self-invoicing',
    request: { params: CompanyNumberParams },
    responses: {
      200: { description: 'The company', schema: PublicCompany },
      404: problem('No company with this number offers self-invoicing'),
    },
  }),
  redeemTicket: defineRoute({
    id: 'redeemTicket',
    method: 'POST',
    path: '/v1/public/self-invoicing/{companyNumber}/invoices',
    entry: 'functions/tickets/redeem-ticket.ts',
    auth: 'public',
    // Issues the invoice: numbering (the counter and the VERI*FACTU chain in one transaction),
    // then the documents and the buyer's mail are handed to triggered functions; a Mexican
    // tenant's CFDI is sealed (KMS) and stamped (PAC) by `stampCfdi`: a public route holds no key.
    access: readWrite,
    invokes: ['processIssuedInvoices', 'sendSelfInvoice', 'stampCfdi'],
    summary:
      "Public: turn a ticket into the buyer's invoice, once. Rate limited per address and per ticket",
    tag: 'Self-invoicing',
    request: { params: CompanyNumberParams, body: RedemptionInput },
    responses: {
      201: { description: 'Issued; links to its XML and PDF', schema: Redemption },
      202: {
        description: 'Past the limit, recorded as a late request for the company to approve',
        schema: LateRequestAnswer,
      },
      404: problem('No company with this number offers self-invoicing'),
      409: problem('The ticket is already invoiced (`errors` names the invoice)'),
      422: problem('The total does not match the ticket with this reference, or it is too late'),
      429: problem('Too many attempts; `Retry-After` says when to try again'),
    },
    timeoutSeconds: 30,
  }),
  getPublicDocument: defineRoute({
    id: 'getPublicDocument',
    method: 'GET',
    path: '/v1/public/documents/{token}',
    entry: 'functions/tickets/get-public-document.ts',
    auth: 'public',
    // Reads the stored document; a missing one is made by ensureInvoiceDocuments.
    access: ['table:read', 'artifacts:read'],
    invokes: ['ensureInvoiceDocuments', 'renderInvoicePdf'],
    summary: 'Public: a self-invoiced document (XML or PDF) by the link its answer gave',
    tag: 'Self-invoicing',
    request: { params: DocumentTokenParams },
    responses: {
      200: { description: 'The document', mediaType: 'application/pdf' },
      404: problem('Unknown or expired link'),
    },
    timeoutSeconds: 30,
  }),
} as const satisfies Record<string, RouteDef>;

/** Functions of this area no HTTP route reaches. */
export const ticketsTriggered = {
  sendSelfInvoice: defineTriggered({
    id: 'sendSelfInvoice',
    entry: 'functions/tickets/send-self-invoice.ts',
    access: ['table:read', 'table:write', 'mail:send'],
    invokes: ['ensureInvoiceDocuments'],
    summary: "E-mails a self-invoiced invoice, XML and PDF attached, to the buyer's address",
    trigger: { kind: 'invoke' },
    timeoutSeconds: 60,
  }),
} as const satisfies Record<string, TriggeredDef>;
