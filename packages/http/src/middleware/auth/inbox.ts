import type { RecipientPrincipal } from '@sello/core/recipients';
import type { StaffPrincipal } from '@sello/core/staff';
import type { TenantPrincipal } from '@sello/core/tenants';
import { apiKeyPrincipal } from './api-key.ts';
import { bearerSecret } from './bearer.ts';
import type { Caller } from './caller.ts';
import { SESSION_PREFIX, sessionCaller, sessionPrincipal } from './session.ts';
import { looksLikeJwt, staffPrincipal } from './staff.ts';
import { tenantCaller } from './tenant.ts';

/**
 * Either the tenant (its API key or staff, reading invoices addressed to its own tax id) or a
 * recipient, told apart by the secret's shape before any lookup: a session by its prefix, a
 * staff token by being a JWT; anything else is tried as an API key.
 */
export const inboxCaller: Caller<TenantPrincipal | StaffPrincipal | RecipientPrincipal> = {
  authenticate: async (event, stores) => {
    const secret = bearerSecret(event, 'api key or session token');
    if (secret.startsWith(SESSION_PREFIX)) return sessionPrincipal(secret, stores);
    return looksLikeJwt(secret) ? staffPrincipal(secret, stores) : apiKeyPrincipal(secret, stores);
  },
  owner: (principal) =>
    principal.kind === 'recipient' ? sessionCaller.owner(principal) : tenantCaller.owner(principal),
};
