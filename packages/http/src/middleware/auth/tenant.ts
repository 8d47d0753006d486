import type { StaffPrincipal } from '@sello/core/staff';
import type { TenantPrincipal } from '@sello/core/tenants';
import { apiKeyCaller, apiKeyPrincipal } from './api-key.ts';
import { bearerSecret } from './bearer.ts';
import type { Caller } from './caller.ts';
import { looksLikeJwt, staffCaller, staffPrincipal } from './staff.ts';

/**
 * The tenant: a system with one of its API keys, or one of its staff with an access token, told
 * apart by the credential's shape before any lookup (anything not a JWT is tried as an API key).
 */
export const tenantCaller: Caller<TenantPrincipal | StaffPrincipal> = {
  authenticate: async (event, stores) => {
    const secret = bearerSecret(event, 'api key or access token');
    return looksLikeJwt(secret) ? staffPrincipal(secret, stores) : apiKeyPrincipal(secret, stores);
  },
  owner: (principal) =>
    principal.kind === 'staff' ? staffCaller.owner(principal) : apiKeyCaller.owner(principal),
};
