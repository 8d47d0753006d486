import { UnauthorizedError } from '@sello/core/errors';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

/**
 * The secret in `Authorization: Bearer <secret>`. `credential` says what it should be (e.g. "api
 * key") in the 401 that a missing or malformed header gets.
 */
export function bearerSecret(event: APIGatewayProxyEventV2, credential: string): string {
  const header = event.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new UnauthorizedError(
      header
        ? `Use \`Authorization: Bearer <${credential}>\``
        : `Missing \`Authorization: Bearer <${credential}>\``,
      [{ path: 'authorization', message: header ? 'Malformed' : 'Required' }],
    );
  }
  return match[1]!;
}
