import { httpHandler } from '@sello/app/http';
import { deleteInvoice } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { ifMatchVersion, noContent } from '@sello/http';

const remove = deleteInvoice();

export const handler = httpHandler(routes.deleteInvoice, async ({ principal, params, headers }) => {
  await remove(principal.tenantId, params.id, ifMatchVersion(headers['if-match']));
  return noContent();
});
