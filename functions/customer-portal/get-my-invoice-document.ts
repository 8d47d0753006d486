import { getMyInvoiceDocument } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { documentFileName } from '@sello/core/invoices';

const get = getMyInvoiceDocument();

export const handler = httpHandler(routes.getMyInvoiceDocument, async ({ principal, params }) => {
  const { invoice, bytes, contentType } = await get(
    principal,
    params.tenantId,
    params.id,
    params.format,
  );
  const name = `${invoice.number ? '' : 'borrador-'}${documentFileName(invoice, params.format)}`;
  return {
    status: 200,
    raw: { contentType, bytes },
    headers: { 'content-disposition': `inline; filename="${name}"` },
  };
});
