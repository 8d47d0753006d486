import { parseDocument } from '@sello/app/documents';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { UnreadableDocumentError } from '@sello/core/documents';
import { HttpError, ok } from '@sello/http';

const XML_MEDIA = /^(application|text)\/xml$|^application\/[\w.-]+\+xml$/;

/**
 * The body is the XML itself, not JSON, so the route declares no body schema and the raw body
 * is read here: as text, or as bytes when API Gateway base64-encoded it (their declared
 * encoding, e.g. ISO-8859-1, then decides). Nothing is stored.
 */
export const handler = httpHandler(routes.validateDocument, async ({ event, headers }) => {
  const type = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!XML_MEDIA.test(type)) {
    throw new HttpError(
      'unsupported-media-type',
      `Send the document as application/xml or text/xml (got ${type || 'no content-type'})`,
      [{ path: 'content-type', message: 'Must be application/xml or text/xml' }],
    );
  }
  const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64') : (event.body ?? '');
  try {
    return ok(parseDocument(body));
  } catch (error) {
    if (error instanceof UnreadableDocumentError && error.reason === 'too-large') {
      throw new HttpError('payload-too-large', error.message, error.errors);
    }
    throw error;
  }
});
