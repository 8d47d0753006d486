import { httpHandler } from '@sello/app/http';
import { getInvoiceDocument } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { documentFileName } from '@sello/core/invoices';

const get = getInvoiceDocument();

export const handler = httpHandler(routes.getInvoiceDocument, async ({ principal, params }) => {
  const { invoice, bytes, contentType } = await get(principal.tenantId, params.id, params.format);
  const name = `${invoice.number ? '' : 'borrador-'}${documentFileName(invoice, params.format)}`;
  return {
    status: 200,
    raw: { contentType, bytes },
    headers: { 'content-disposition': `inline; filename="${name}"` },
  };
});
