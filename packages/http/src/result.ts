import type { StoredOutcome } from '@sello/core/ports';
import type { HttpResponse } from './middleware/types.ts';
import type { HttpResult } from './request.ts';

/** A handler's result as status, headers and body text: what an idempotent replay stores. */
export function serialize(result: HttpResult): StoredOutcome {
  const headers: Record<string, string> = { ...result.headers };
  if (result.etag) headers.etag = result.etag;
  if (result.raw) {
    headers['content-type'] = result.raw.contentType;
    return {
      statusCode: result.status,
      headers,
      body: Buffer.from(result.raw.bytes).toString('base64'),
    };
  }
  if (result.body === undefined) return { statusCode: result.status, headers, body: '' };
  headers['content-type'] = 'application/json; charset=utf-8';
  return { statusCode: result.status, headers, body: JSON.stringify(result.body) };
}

/** The Lambda response of an outcome: a body neither JSON nor empty travels base64-encoded. */
export const toResponse = (outcome: StoredOutcome): HttpResponse => ({
  ...outcome,
  ...(outcome.headers['content-type']?.startsWith('application/json') || !outcome.body
    ? {}
    : { isBase64Encoded: true }),
});
