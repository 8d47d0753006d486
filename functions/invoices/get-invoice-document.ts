import { formats } from '@sello/app/formats';
import { httpHandler } from '@sello/app/http';
import { getInvoiceDocument } from '@sello/app/invoices';
import { routes } from '@sello/contracts';

const get = getInvoiceDocument();

export const handler = httpHandler(routes.getInvoiceDocument, async ({ principal, params }) => {
  const { invoice, bytes, contentType } = await get(principal.tenantId, params.id, params.format);
  const name = `${invoice.number ? '' : 'borrador-'}${formats.fileName(invoice, params.format)}`;
  return {
    status: 200,
    raw: { contentType, bytes },
    headers: { 'content-disposition': `inline; filename="${name}"` },
  };
});
