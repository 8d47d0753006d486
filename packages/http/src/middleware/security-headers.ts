import { alsoOnEarlyResponse } from './early-response.ts';
import type { HttpMiddleware, HttpRequestState } from './types.ts';

/** Under every response's own headers: no MIME sniffing, and no caching of API answers. */
export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
};

const addHeaders = (request: HttpRequestState) => {
  if (request.response) {
    request.response.headers = { ...SECURITY_HEADERS, ...request.response.headers };
  }
};

/** Puts SECURITY_HEADERS on every response: results, replays, 304s and problems. */
export const securityHeaders = (): HttpMiddleware => ({
  before: (request) => alsoOnEarlyResponse(request, addHeaders),
  after: addHeaders,
  onError: addHeaders,
});
