import { getMyInvoiceDocument } from '@sello/app/customer-portal';
import { formats } from '@sello/app/formats';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';

const get = getMyInvoiceDocument();

export const handler = httpHandler(routes.getMyInvoiceDocument, async ({ principal, params }) => {
  const { invoice, bytes, contentType } = await get(
    principal,
    params.tenantId,
    params.id,
    params.format,
  );
  const name = `${invoice.number ? '' : 'borrador-'}${formats.fileName(invoice, params.format)}`;
  return {
    status: 200,
    raw: { contentType, bytes },
    headers: { 'content-disposition': `inline; filename="${name}"` },
  };
});
