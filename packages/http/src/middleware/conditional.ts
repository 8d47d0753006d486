import { createHash } from 'node:crypto';
import type { RouteDef } from '@sello/contracts';
import { ifMatchVersion } from '../responses.ts';
import { alsoOnEarlyResponse } from './early-response.ts';
import type { HttpMiddleware, HttpRequestState } from './types.ts';

/** Weak validator from the representation, for conditional GETs. */
export const contentEtag = (body: string) =>
  `W/"${createHash('sha1').update(body).digest('base64url').slice(0, 27)}"`;

const etagMatches = (header: string | undefined, etag: string) =>
  !!header &&
  header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag.replace(/^W\//, '');
  });

/**
 * Conditional requests. A GET route's 200 carries an ETag (the handler's, e.g. the resource
 * version, else a hash of the body) and becomes 304 without a body when `If-None-Match` names it.
 * For writes, the version `If-Match` names is on the context (the handler's `expectedVersion`),
 * for the use case to compare with the stored one (412 when they differ).
 */
export const conditionalRequests = (route: RouteDef): HttpMiddleware => {
  const after = (request: HttpRequestState) => {
    const response = request.response;
    if (route.method !== 'GET' || response?.statusCode !== 200) return;
    const etag = response.headers.etag ?? contentEtag(response.body ?? '');
    response.headers.etag = etag;
    if (etagMatches(request.event.headers?.['if-none-match'], etag)) {
      request.response = { statusCode: 304, headers: { etag }, body: '' };
    }
  };
  return {
    before: (request) => {
      request.context.expectedVersion = ifMatchVersion(request.event.headers?.['if-match']);
      alsoOnEarlyResponse(request, after);
    },
    after,
  };
};
