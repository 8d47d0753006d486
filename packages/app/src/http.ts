import { createHttpHandler } from '@sello/http';
import { repositories } from './repositories.ts';

/**
 * The HTTP wrapper of every API function, over the platform's stores: API keys and recipient
 * sessions to authenticate, the idempotency table for `Idempotency-Key`. Resolved on the first
 * request, so importing a handler reads no environment.
 */
export const httpHandler = createHttpHandler(() => {
  const r = repositories();
  return { apiKeys: r.apiKeys, sessions: r.recipientSessions, idempotency: r.idempotency };
});
