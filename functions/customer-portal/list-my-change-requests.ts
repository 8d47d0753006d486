import { listMyChangeRequests } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { changeRequestView } from '@sello/core/change-requests';
import { ok } from '@sello/http';

const list = listMyChangeRequests();

export const handler = httpHandler(routes.listMyChangeRequests, async ({ principal, params }) =>
  ok({ items: (await list(principal, params.tenantId, params.id)).map(changeRequestView) }),
);
