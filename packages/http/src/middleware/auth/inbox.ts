import type { RecipientPrincipal } from '@sello/core/recipients';
import type { StaffPrincipal } from '@sello/core/staff';
import type { TenantPrincipal } from '@sello/core/tenants';
import { apiKeyPrincipal } from './api-key.ts';
import { bearerSecret } from './bearer.ts';
import type { Caller } from './caller.ts';
import { oldSessionRefused, SESSION_PREFIX, sessionCaller } from './session.ts';
import { looksLikeJwt, personPrincipal } from './staff.ts';
import { tenantCaller } from './tenant.ts';

/**
 * Either the tenant (its API key or staff, reading invoices addressed to its own tax id) or a
 * registered recipient: an access token (a JWT) is a person, staff or recipient as the token
 * says; anything else is tried as an API key. Sessions of Sello's own are no longer accepted.
 */
export const inboxCaller: Caller<TenantPrincipal | StaffPrincipal | RecipientPrincipal> = {
  authenticate: async (event, stores) => {
    const secret = bearerSecret(event, 'api key or access token');
    if (secret.startsWith(SESSION_PREFIX)) throw oldSessionRefused();
    return looksLikeJwt(secret) ? personPrincipal(secret, stores) : apiKeyPrincipal(secret, stores);
  },
  owner: (principal) =>
    principal.kind === 'recipient' ? sessionCaller.owner(principal) : tenantCaller.owner(principal),
};
