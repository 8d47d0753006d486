import { httpHandler } from '@sello/app/http';
import { fallbackRoute, routeList } from '@sello/contracts';
import { HttpError } from '@sello/http';

const patterns = routeList.map((r) => ({
  method: r.method,
  regex: new RegExp(`^${r.path.replace(/\{[^}]+\}/g, '[^/]+').replace(/\./g, '\\.')}$`),
}));

/**
 * API Gateway's `$default` route: whatever no route matches. A known path with another method is a
 * 405 listing the allowed methods; anything else a 404. Both as problem+json.
 */
export const handler = httpHandler(
  {
    id: fallbackRoute.id,
    method: 'GET',
    path: '$default',
    entry: fallbackRoute.entry,
    auth: 'public',
    access: [],
    summary: 'Unmatched requests',
    tag: 'System',
    responses: {},
  },
  async ({ event }) => {
    const method = event.requestContext.http.method;
    const allowed = patterns.filter((p) => p.regex.test(event.rawPath)).map((p) => p.method);
    if (allowed.length) {
      throw new HttpError(
        'method-not-allowed',
        `${method} is not allowed on ${event.rawPath}; use ${allowed.join(', ')}`,
        [],
        { allow: allowed.join(', ') },
      );
    }
    throw new HttpError('route-not-found', `No route for ${method} ${event.rawPath}`);
  },
);
