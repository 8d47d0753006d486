import { repositories } from '@sello/aws';
import { documentReader } from '@sello/aws/documents';
import { routes } from '@sello/contracts';
import { getInboxDocument } from '@sello/core';
import { httpHandler } from '@sello/http';

const r = repositories();
const get = getInboxDocument({ invoices: r.invoices, tenants: r.tenants, ...documentReader() });

export const handler = httpHandler(routes.getInboxDocument, async ({ principal, params }) => {
  const { bytes, contentType, filename } = await get(principal, params.id, params.format);
  // An imported file keeps the name its issuer gave it; only safe characters reach the header.
  const name = filename.replace(/[^\w.-]/g, '_');
  return {
    status: 200,
    raw: { contentType, bytes },
    headers: { 'content-disposition': `inline; filename="${name}"` },
  };
});
