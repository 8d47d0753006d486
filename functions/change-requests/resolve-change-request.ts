import { actorOf, resolveChangeRequest } from '@sello/app/change-requests';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { changeRequestView } from '@sello/core/change-requests';
import { invoiceView } from '@sello/core/invoices';
import { ok } from '@sello/http';

const resolve = resolveChangeRequest();

export const handler = httpHandler(
  routes.resolveChangeRequest,
  async ({ principal, params, body }) => {
    const { request, invoices } = await resolve(
      principal.tenantId,
      params.id,
      body,
      actorOf(principal),
    );
    return ok({ request: changeRequestView(request), invoices: invoices.map(invoiceView) });
  },
);
