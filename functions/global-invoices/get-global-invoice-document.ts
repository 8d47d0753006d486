import { getGlobalInvoiceDocument } from '@sello/app/global-invoices';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';

const get = getGlobalInvoiceDocument();

export const handler = httpHandler(
  routes.getGlobalInvoiceDocument,
  async ({ principal, params }) => {
    const { bytes, fileName } = await get(principal.tenantId, params.id);
    return {
      status: 200,
      raw: { contentType: 'application/xml', bytes },
      headers: { 'content-disposition': `inline; filename="${fileName}"` },
    };
  },
);
