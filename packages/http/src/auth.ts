import { repositories } from '@sello/aws';
import type { AuthKind } from '@sello/contracts';
import {
  authenticateApiKey,
  type RecipientPrincipal,
  type TenantPrincipal,
  UnauthorizedError,
} from '@sello/core';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export type Principal<A extends AuthKind> = A extends 'apiKey'
  ? TenantPrincipal
  : A extends 'session'
    ? RecipientPrincipal
    : A extends 'inbox'
      ? TenantPrincipal | RecipientPrincipal
      : undefined;

/**
 * Keys resolved recently, by hash of the presented secret. Short-lived so a revocation reaches
 * every warm container within CACHE_MS; the revoking container forgets at once.
 */
const CACHE_MS = 10_000;
const cache = new Map<string, { principal: TenantPrincipal; until: number }>();

export const forgetApiKey = (keyId: string) => {
  for (const [secret, entry] of cache) if (entry.principal.keyId === keyId) cache.delete(secret);
};

export async function authenticate(
  kind: AuthKind,
  event: APIGatewayProxyEventV2,
): Promise<TenantPrincipal | undefined> {
  if (kind === 'public') return undefined;
  if (kind === 'session') throw new UnauthorizedError('Recipient sessions are not enabled');
  const header = event.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new UnauthorizedError(
      header
        ? 'Use `Authorization: Bearer <api key>`'
        : 'Missing `Authorization: Bearer <api key>`',
      [{ path: 'authorization', message: header ? 'Malformed' : 'Required' }],
    );
  }
  const secret = match[1]!;
  const hit = cache.get(secret);
  if (hit && hit.until > Date.now()) return hit.principal;
  const principal = await authenticateApiKey({ apiKeys: repositories().apiKeys })(secret);
  if (cache.size > 1000) cache.clear();
  cache.set(secret, { principal, until: Date.now() + CACHE_MS });
  return principal;
}
