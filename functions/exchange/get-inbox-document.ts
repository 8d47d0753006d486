import { getInboxDocument } from '@sello/app/exchange';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';

const get = getInboxDocument();

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
