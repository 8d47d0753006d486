import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { deleteInvoice } from '@sello/core';
import { httpHandler, ifMatchVersion, noContent } from '@sello/http';

const remove = deleteInvoice({ invoices: repositories().invoices });

export const handler = httpHandler(routes.deleteInvoice, async ({ principal, params, headers }) => {
  await remove(principal.tenantId, params.id, ifMatchVersion(headers['if-match']));
  return noContent();
});
