import { readClaimDocument } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';

const read = readClaimDocument();

/**
 * A header carries Latin-1 at most: the name in ASCII (others as `_`) for every client, and in
 * full as RFC 6266's `filename*` for those that read it.
 */
const attachment = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, '_')}"; ` +
  `filename*=UTF-8''${encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )}`;

/** The file as uploaded; its ETag is its hash (the bytes never change under an id). */
export const handler = httpHandler(routes.getClaimDocument, async ({ principal, params }) => {
  const { document, bytes } = await read(principal.tenantId, params.id, params.documentId);
  return {
    status: 200,
    raw: { contentType: document.contentType, bytes },
    etag: `"${document.sha256}"`,
    headers: { 'content-disposition': attachment(document.fileName) },
  };
});
