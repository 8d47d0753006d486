/**
 * CORS for browser clients, answered by API Gateway (HttpApi corsPreflight) in AWS and by the local
 * server locally, from this one definition. Allowed origins are per stage (configuration).
 */
export const CORS = {
  allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
  allowHeaders: [
    'authorization',
    'content-type',
    'idempotency-key',
    'if-match',
    'if-none-match',
    'x-correlation-id',
  ],
  exposeHeaders: ['etag', 'location', 'x-correlation-id', 'idempotent-replayed', 'retry-after'],
  maxAgeSeconds: 600,
} as const;
