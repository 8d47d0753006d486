import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { HttpError } from './problem.ts';

/** Lambda's synchronous payload limit; API Gateway would refuse larger bodies anyway. */
export const MAX_BODY_BYTES = 6 * 1024 * 1024;

/** Reads and JSON-parses the body, with errors that say what is wrong and where. */
export function readJsonBody(event: APIGatewayProxyEventV2): { value: unknown; raw: string } {
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
    return { value: JSON.parse(text), raw: text };
  } catch (e) {
    throw new HttpError('malformed-json', `The body is not valid JSON: ${(e as Error).message}`, [
      { path: 'body', message: 'Malformed JSON' },
    ]);
  }
}
