import createClient, { type Client } from 'openapi-fetch';
import type { paths } from './schema';

/** Sello's API as the portal calls it: the paths generated from the route table. */
export type ApiPaths = paths;
export type Api = Client<ApiPaths>;

export interface ApiOptions {
  /** The `Authorization` value for the current caller, if any (read on every request). */
  authorization: () => string | undefined;
  /** A 401 on a call that carried credentials: they expired or were revoked. */
  onUnauthorized: () => void;
  /** Same origin by default: the API is served at `/v1` beside the portal. */
  baseUrl?: string;
}

/**
 * The one HTTP client of the portal (openapi-fetch over the generated types): it adds the
 * caller's credentials and reports their rejection; cookies go only to the same origin.
 */
export function createApi(options: ApiOptions): Api {
  const api = createClient<ApiPaths>({
    baseUrl: options.baseUrl ?? '',
    credentials: 'same-origin',
  });
  // The auth endpoints work with their HttpOnly cookie, never with the bearer token.
  const isAuth = (request: Request) => new URL(request.url).pathname.startsWith('/v1/auth/');
  api.use({
    onRequest({ request }) {
      const authorization = options.authorization();
      if (authorization && !isAuth(request) && !request.headers.has('authorization'))
        request.headers.set('authorization', authorization);
      return request;
    },
    onResponse({ request, response }) {
      // Only the session's own credentials expire it (not a key being tried out).
      const sent = request.headers.get('authorization');
      if (response.status === 401 && sent && sent === options.authorization())
        options.onUnauthorized();
      return response;
    },
  });
  return api;
}
