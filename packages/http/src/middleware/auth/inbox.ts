import type { RecipientPrincipal } from '@sello/core/recipients';
import type { TenantPrincipal } from '@sello/core/tenants';
import { apiKeyCaller, apiKeyPrincipal } from './api-key.ts';
import { bearerSecret } from './bearer.ts';
import type { Caller } from './caller.ts';
import { SESSION_PREFIX, sessionCaller, sessionPrincipal } from './session.ts';

/**
 * Either a tenant (reading invoices addressed to its own tax id) or a recipient, told apart by
 * the secret's prefix before any lookup; anything not a session is tried as an API key.
 */
export const inboxCaller: Caller<TenantPrincipal | RecipientPrincipal> = {
  authenticate: async (event, stores) => {
    const secret = bearerSecret(event, 'api key or session token');
    return secret.startsWith(SESSION_PREFIX)
      ? sessionPrincipal(secret, stores)
      : apiKeyPrincipal(secret, stores);
  },
  owner: (principal) =>
    principal.kind === 'recipient' ? sessionCaller.owner(principal) : apiKeyCaller.owner(principal),
};
