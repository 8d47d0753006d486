import { UnauthorizedError } from '@sello/core/errors';
import { systemClock } from '@sello/core/ports';
import {
  authenticateSession,
  RECIPIENT_SECRET_PREFIX,
  type RecipientPrincipal,
} from '@sello/core/recipients';
import { bearerSecret } from './bearer.ts';
import type { Caller, CredentialStores } from './caller.ts';

export const SESSION_PREFIX = RECIPIENT_SECRET_PREFIX.session;

/** Sessions resolved recently; an entry never outlives its session. */
const CACHE_MS = 10_000;
const cache = new Map<string, { principal: RecipientPrincipal; until: number }>();

/** The recipient of a session token (`sess_…`), from the cache when recently resolved. */
export async function sessionPrincipal(
  token: string,
  stores: CredentialStores,
): Promise<RecipientPrincipal> {
  const hit = cache.get(token);
  if (hit && hit.until > Date.now()) return hit.principal;
  const { expiresAt, ...principal } = await authenticateSession({
    sessions: stores.sessions,
    clock: systemClock,
  })(token);
  if (cache.size > 1000) cache.clear();
  cache.set(token, { principal, until: Math.min(Date.now() + CACHE_MS, Date.parse(expiresAt)) });
  return principal;
}

/** A registered recipient signed in with a session. An API key is refused before any lookup. */
export const sessionCaller: Caller<RecipientPrincipal> = {
  authenticate: async (event, stores) => {
    const secret = bearerSecret(event, 'session token');
    if (!secret.startsWith(SESSION_PREFIX)) {
      throw new UnauthorizedError('This route takes a recipient session, not an API key');
    }
    return sessionPrincipal(secret, stores);
  },
  owner: (principal) => `recipient:${principal.recipientId}`,
};
