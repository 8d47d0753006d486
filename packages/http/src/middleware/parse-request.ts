import type { RouteDef } from '@sello/contracts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from '../problem.ts';
import { parseWith } from '../validate.ts';
import type { HttpMiddleware } from './types.ts';

/** Lambda's synchronous payload limit; API Gateway would refuse larger bodies anyway. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Reads and JSON-parses the body, with errors that say what is wrong and where. */
export function readJsonBody(event: APIGatewayProxyEventV2): { value: unknown } {
  const text = event.body
    ? event.isBase64Encoded
      ? Buffer.from(event.body, 'base64').toString('utf8')
      : event.body
    : '';
  if (text.trim() === '') {
    throw new HttpError('validation-error', 'A JSON body is required', [
      { path: 'body', message: 'Required' },
    ]);
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) {
    throw new HttpError('payload-too-large', `The body exceeds ${MAX_BODY_BYTES} bytes`);
  }
  const type = (event.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json' && !type.endsWith('+json')) {
    throw new HttpError(
      'unsupported-media-type',
      `Send the body as application/json (got ${type || 'no content-type'})`,
      [{ path: 'content-type', message: 'Must be application/json' }],
    );
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    throw new HttpError('malformed-json', `The body is not valid JSON: ${(e as Error).message}`, [
      { path: 'body', message: 'Malformed JSON' },
    ]);
  }
}

/**
 * Reads the JSON body when the route has a body schema (400 when empty or malformed, 413, 415),
 * then checks the path parameters, the query and the body with the route's zod schemas: the first
 * that fails answers 400 naming each of its fields. Routes without a body schema (XML uploads)
 * read `event.body` themselves.
 */
export const parseRequest = (route: RouteDef): HttpMiddleware => ({
  before: (request) => {
    const { event } = request;
    const req = route.request;
    const json = req?.body ? readJsonBody(event) : undefined;
    request.context.input = {
      params: req?.params ? parseWith(req.params, event.pathParameters ?? {}, 'params') : undefined,
      query: req?.query
        ? parseWith(req.query, event.queryStringParameters ?? {}, 'query')
        : undefined,
      body: req?.body ? parseWith(req.body, json?.value, '') : undefined,
    };
    if (json) request.internal.json = json;
  },
});
