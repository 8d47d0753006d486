import { httpHandler } from '@sello/app/http';
import { deleteInvoicingPolicy } from '@sello/app/invoicing-policies';
import { routes } from '@sello/contracts';
import { noContent } from '@sello/http';

const remove = deleteInvoicingPolicy();

export const handler = httpHandler(routes.deleteInvoicingPolicy, async ({ principal, params }) => {
  await remove(principal.tenantId, params.id);
  return noContent();
});
