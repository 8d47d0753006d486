import type { AuthKind } from '@sello/contracts';
import {
  type ApiKeyRepository,
  authenticateApiKey,
  authenticateSession,
  RECIPIENT_SECRET_PREFIX,
  type RecipientPrincipal,
  type RecipientSessionRepository,
  systemClock,
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
/** Sessions resolved recently; an entry never outlives its session. */
const sessionCache = new Map<string, { principal: RecipientPrincipal; until: number }>();

/** Where credentials are looked up (the wiring package passes the DynamoDB repositories). */
export interface CredentialStores {
  apiKeys: ApiKeyRepository;
  sessions: RecipientSessionRepository;
}

export const forgetApiKey = (keyId: string) => {
  for (const [secret, entry] of cache) if (entry.principal.keyId === keyId) cache.delete(secret);
};

const SESSION_PREFIX = RECIPIENT_SECRET_PREFIX.session;

/** What the `Authorization` header must carry, per kind of route, for the error messages. */
const CREDENTIAL: Record<Exclude<AuthKind, 'public'>, string> = {
  apiKey: 'api key',
  session: 'session token',
  inbox: 'api key or session token',
};

async function apiKeyPrincipal(secret: string, stores: CredentialStores): Promise<TenantPrincipal> {
  const hit = cache.get(secret);
  if (hit && hit.until > Date.now()) return hit.principal;
  const principal = await authenticateApiKey({ apiKeys: stores.apiKeys })(secret);
  if (cache.size > 1000) cache.clear();
  cache.set(secret, { principal, until: Date.now() + CACHE_MS });
  return principal;
}

async function sessionPrincipal(
  token: string,
  stores: CredentialStores,
): Promise<RecipientPrincipal> {
  const hit = sessionCache.get(token);
  if (hit && hit.until > Date.now()) return hit.principal;
  const { expiresAt, ...principal } = await authenticateSession({
    sessions: stores.sessions,
    clock: systemClock,
  })(token);
  if (sessionCache.size > 1000) sessionCache.clear();
  sessionCache.set(token, {
    principal,
    until: Math.min(Date.now() + CACHE_MS, Date.parse(expiresAt)),
  });
  return principal;
}

/**
 * Resolves the caller of a route: an API key (`sello_…`) for 'apiKey', a recipient session
 * (`sess_…`) for 'session', either for 'inbox', told apart by prefix before any lookup. A session
 * is never accepted where an API key is expected, nor the reverse.
 */
export async function authenticate(
  kind: AuthKind,
  event: APIGatewayProxyEventV2,
  stores: CredentialStores,
): Promise<TenantPrincipal | RecipientPrincipal | undefined> {
  if (kind === 'public') return undefined;
  const header = event.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) {
    throw new UnauthorizedError(
      header
        ? `Use \`Authorization: Bearer <${CREDENTIAL[kind]}>\``
        : `Missing \`Authorization: Bearer <${CREDENTIAL[kind]}>\``,
      [{ path: 'authorization', message: header ? 'Malformed' : 'Required' }],
    );
  }
  const secret = match[1]!;
  if (kind === 'session') {
    if (!secret.startsWith(SESSION_PREFIX)) {
      throw new UnauthorizedError('This route takes a recipient session, not an API key');
    }
    return sessionPrincipal(secret, stores);
  }
  if (kind === 'inbox' && secret.startsWith(SESSION_PREFIX))
    return sessionPrincipal(secret, stores);
  return apiKeyPrincipal(secret, stores);
}
