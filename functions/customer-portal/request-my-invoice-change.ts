import { requestMyInvoiceChange } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { changeRequestView } from '@sello/core/change-requests';

const ask = requestMyInvoiceChange();

export const handler = httpHandler(
  routes.requestMyInvoiceChange,
  async ({ principal, params, body }) => ({
    status: 201,
    body: changeRequestView(await ask(principal, params.tenantId, params.id, body)),
  }),
);
