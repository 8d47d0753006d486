import { defineRoute, type RouteDef } from '../route.ts';
import {
  ChangeRequest,
  ChangeRequestInput,
  ChangeRequestListQuery,
  ChangeRequestResolution,
  ChangeRequestResolved,
} from '../schemas/change-requests.ts';
import { IdParams, pageOf } from '../schemas/common.ts';
import { problem, read } from './shared.ts';

/** Publishing webhooks opens the subscriptions' signing secrets. */
const tellsSupport = ['table:read', 'table:write', 'mail:send', 'secrets:decrypt'] as const;

/** Routes of this area (change requests on issued invoices); spread into ../routes.ts. */
export const changeRequestsRoutes = {
  createChangeRequest: defineRoute({
    id: 'createChangeRequest',
    method: 'POST',
    path: '/v1/invoices/{id}/change-requests',
    entry: 'functions/change-requests/create-change-request.ts',
    auth: 'tenant',
    access: tellsSupport,
    summary:
      'Ask for a change to an issued invoice (cancel, correct data, split) with a message: mailed ' +
      'to the support mailbox with a link to the console, and `change_request.created` published',
    tag: 'Change requests',
    request: { params: IdParams, body: ChangeRequestInput },
    responses: {
      201: { description: 'The request, open', schema: ChangeRequest },
      400: problem('Invalid request; `errors` names `type` or `message`'),
      404: problem('No such invoice'),
      409: problem(
        'The invoice is not issued (a draft, cancelled, void: `errors` names `invoiceId` and the ' +
          'message its status), or a request of that `type` awaits its outcome',
      ),
    },
  }),
  listChangeRequests: defineRoute({
    id: 'listChangeRequests',
    method: 'GET',
    path: '/v1/change-requests',
    entry: 'functions/change-requests/list-change-requests.ts',
    auth: 'tenant',
    access: read,
    summary: 'The change requests, newest first: the queue by `status`, or one invoice’s',
    tag: 'Change requests',
    request: { query: ChangeRequestListQuery },
    responses: { 200: { description: 'A page of requests', schema: pageOf(ChangeRequest) } },
  }),
  getChangeRequest: defineRoute({
    id: 'getChangeRequest',
    method: 'GET',
    path: '/v1/change-requests/{id}',
    entry: 'functions/change-requests/get-change-request.ts',
    auth: 'tenant',
    access: read,
    summary: 'A change request with its history',
    tag: 'Change requests',
    request: { params: IdParams },
    responses: {
      200: { description: 'The request', schema: ChangeRequest },
      404: problem('No such request'),
    },
  }),
  resolveChangeRequest: defineRoute({
    id: 'resolveChangeRequest',
    method: 'POST',
    path: '/v1/change-requests/{id}/resolve',
    entry: 'functions/change-requests/resolve-change-request.ts',
    auth: 'tenant',
    // Performs the correction as the invoice routes do (numbering, a Mexican CFDI sealed and
    // stamped, cancelled at SAT), then mails the customer its documents.
    access: [...tellsSupport, 'artifacts:read', 'artifacts:write', 'signing:sign', 'pac:stamp'],
    invokes: ['processIssuedInvoices', 'ensureInvoiceDocuments'],
    summary:
      'Take a request (`in_progress`), decline it with a reason, or do it: `done` performs the ' +
      'correction (rectify, cancel, split: the body of its invoice route) and links the invoices ' +
      'it made; the customer is mailed the outcome (with the new PDF and XML) and ' +
      '`change_request.resolved` published. Retrying a `done` with the same body resumes it and ' +
      'never corrects twice',
    tag: 'Change requests',
    request: { params: IdParams, body: ChangeRequestResolution },
    responses: {
      200: {
        description: 'The request and the invoices its correction made',
        schema: ChangeRequestResolved,
      },
      400: problem(
        'Invalid resolution: `errors` names the field (`reason`, `correction.lines.0.quantity`, ' +
          '`correction` for a cancel or split done without performing it, …)',
      ),
      404: problem('No such request'),
      409: problem(
        'Not in a status for it (`status`), another correction recorded (`correction`), or the ' +
          'invoice cannot be corrected',
      ),
      422: problem('The PAC refused a Mexican cancellation: its code'),
      503: problem('The PAC could not be reached: try again'),
    },
    timeoutSeconds: 60,
  }),
} as const satisfies Record<string, RouteDef>;
