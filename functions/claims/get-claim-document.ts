import { readClaimDocument } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';

const read = readClaimDocument();

/** The file as uploaded; its ETag is its hash (the bytes never change under an id). */
export const handler = httpHandler(routes.getClaimDocument, async ({ principal, params }) => {
  const { document, bytes } = await read(principal.tenantId, params.id, params.documentId);
  return {
    status: 200,
    raw: { contentType: document.contentType, bytes },
    etag: `"${document.sha256}"`,
    headers: {
      'content-disposition': `attachment; filename="${document.fileName.replace(/["\\]/g, '_')}"`,
    },
  };
});
