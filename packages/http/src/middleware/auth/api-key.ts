import { authenticateApiKey, type TenantPrincipal } from '@sello/core/tenants';
import { bearerSecret } from './bearer.ts';
import type { Caller, CredentialStores } from './caller.ts';

/**
 * Keys resolved recently, by the presented secret. Short-lived so a revocation reaches every warm
 * container within CACHE_MS; the revoking container forgets at once (`forgetApiKey`).
 */
const CACHE_MS = 10_000;
const cache = new Map<string, { principal: TenantPrincipal; until: number }>();

export const forgetApiKey = (keyId: string) => {
  for (const [secret, entry] of cache) if (entry.principal.keyId === keyId) cache.delete(secret);
};

/** The tenant of an API key secret (`sello_…`), from the cache when recently resolved. */
export async function apiKeyPrincipal(
  secret: string,
  stores: CredentialStores,
): Promise<TenantPrincipal> {
  const hit = cache.get(secret);
  if (hit && hit.until > Date.now()) return hit.principal;
  const principal = await authenticateApiKey({ apiKeys: stores.apiKeys })(secret);
  if (cache.size > 1000) cache.clear();
  cache.set(secret, { principal, until: Date.now() + CACHE_MS });
  return principal;
}

/** A tenant's system (ERP, the issuer console) with one of the tenant's API keys. */
export const apiKeyCaller: Caller<TenantPrincipal> = {
  authenticate: async (event, stores) => apiKeyPrincipal(bearerSecret(event, 'api key'), stores),
  owner: (principal) => principal.tenantId,
};
