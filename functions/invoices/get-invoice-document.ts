import { repositories } from '@sello/aws';
import { documentReader } from '@sello/aws/documents';
import { routes } from '@sello/contracts';
import { documentBaseName, FILE_EXTENSIONS, getInvoiceDocument } from '@sello/core';
import { httpHandler } from '@sello/http';

const get = getInvoiceDocument({ invoices: repositories().invoices, ...documentReader() });

export const handler = httpHandler(routes.getInvoiceDocument, async ({ principal, params }) => {
  const { invoice, bytes, contentType } = await get(principal.tenantId, params.id, params.format);
  const name = `${invoice.number ? '' : 'borrador-'}${documentBaseName(invoice)}.${FILE_EXTENSIONS[params.format]}`;
  return {
    status: 200,
    raw: { contentType, bytes },
    headers: { 'content-disposition': `inline; filename="${name}"` },
  };
});
