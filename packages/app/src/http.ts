import { createHttpHandler } from '@sello/http';
import { accessTokenVerifier } from './identity.ts';
import { repositories } from './repositories.ts';

/**
 * The HTTP wrapper of every API function, over the platform's stores: API keys and people's access
 * tokens (verified offline; staff memberships and recipients' accounts read from the table) to
 * authenticate, the
 * idempotency table for `Idempotency-Key`. Resolved on the first request, so importing a handler
 * reads no environment.
 */
export const httpHandler = createHttpHandler(() => {
  const r = repositories();
  const tokens = accessTokenVerifier();
  return {
    apiKeys: r.apiKeys,
    ...(tokens ? { people: { tokens, members: r.memberships, recipients: r.recipients } } : {}),
    idempotency: r.idempotency,
  };
});
