import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The value of cookie `name` in a request. API Gateway (payload 2.0) passes cookies in the
 * event's `cookies` array, one `name=value` each, not in the headers.
 */
export function readCookie(event: APIGatewayProxyEventV2, name: string): string | undefined {
  for (const cookie of event.cookies ?? []) {
    const at = cookie.indexOf('=');
    if (at > 0 && cookie.slice(0, at).trim() === name) {
      const value = cookie.slice(at + 1).trim();
      return value || undefined;
    }
  }
  return undefined;
}

/**
 * A `Set-Cookie` value the browser keeps to itself: HttpOnly (no script reads it), Secure,
 * SameSite=Strict (no other site's request carries it) and sent only under `path`. A `maxAge` of
 * 0 clears it.
 */
export const privateCookie = (name: string, value: string, path: string, maxAgeSeconds: number) =>
  `${name}=${value}; HttpOnly; Secure; SameSite=Strict; Path=${path}; Max-Age=${maxAgeSeconds}`;
