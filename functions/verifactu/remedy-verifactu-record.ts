import { httpHandler } from '@sello/app/http';
import { remedyVerifactuRecord } from '@sello/app/verifactu';
import { routes } from '@sello/contracts';
import { created } from '@sello/http';

const remedy = remedyVerifactuRecord();

export const handler = httpHandler(
  routes.remedyVerifactuRecord,
  async ({ principal, params, body }) => {
    const { invoice, view } = await remedy(principal.tenantId, params.id, body);
    return created(view, `/v1/invoices/${invoice.id}/verifactu`);
  },
);
