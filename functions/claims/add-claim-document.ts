import { addClaimDocument } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { CLAIM_DOCUMENT_MAX_BYTES, claimDocumentView } from '@sello/core/claims';
import { created, HttpError } from '@sello/http';

const add = addClaimDocument();

/**
 * The body is the file itself, not JSON, so the route declares no body schema: API Gateway hands
 * it over base64-encoded, and its bytes decide what it is (the use case checks them).
 */
export const handler = httpHandler(
  routes.addClaimDocument,
  async ({ principal, params, query, event }) => {
    const bytes = event.body
      ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'latin1')
      : Buffer.alloc(0);
    if (bytes.length > CLAIM_DOCUMENT_MAX_BYTES) {
      throw new HttpError(
        'payload-too-large',
        `The file is ${bytes.length} bytes; at most ${CLAIM_DOCUMENT_MAX_BYTES} are accepted`,
        [{ path: 'body', message: `At most ${CLAIM_DOCUMENT_MAX_BYTES / 1024 / 1024} MiB` }],
      );
    }
    const document = await add(principal.tenantId, params.id, {
      bytes,
      ...(query.fileName ? { fileName: query.fileName } : {}),
      ...(query.kind ? { kind: query.kind } : {}),
    });
    return created(claimDocumentView(document), claimDocumentView(document).href);
  },
);
