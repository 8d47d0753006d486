import { httpHandler } from '@sello/app/http';
import { declineLateRequest } from '@sello/app/tickets';
import { routes } from '@sello/contracts';
import { ticketView } from '@sello/core/tickets';
import { ok } from '@sello/http';

const decline = declineLateRequest();

export const handler = httpHandler(routes.declineLateRequest, async ({ principal, params, body }) =>
  ok(ticketView(await decline(principal.tenantId, params.id, body.reason))),
);
