import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { anEvent, aRequest } from '../../testing/fakes.ts';
import { MAX_BODY_BYTES, parseRequest } from './parse-request.ts';

const route = {
  request: {
    params: z.object({ id: z.string().startsWith('thg_') }),
    query: z.object({ limit: z.coerce.number().max(5).optional() }).strict(),
    body: z.object({ name: z.string() }).strict(),
  },
} as never;
const json = { 'content-type': 'application/json' };

const parse = async (options: Parameters<typeof anEvent>[0], r = route) => {
  const request = aRequest(anEvent({ pathParameters: { id: 'thg_1' }, ...options }));
  await parseRequest(r).before!(request);
  return request;
};
const refusal = (options: Parameters<typeof anEvent>[0], r = route) =>
  parse(options, r).then(
    () => expect.unreachable(),
    (e) => ({ code: e.code, errors: e.errors, message: e.message }),
  );

describe('parseRequest', () => {
  it('hands the handler params, query and body parsed by the schemas', async () => {
    const request = await parse({
      headers: json,
      queryStringParameters: { limit: '3' },
      body: '{"name":"Ana"}',
    });
    expect(request.context.input).toEqual({
      params: { id: 'thg_1' },
      query: { limit: 3 },
      body: { name: 'Ana' },
    });
    expect(request.internal.json).toEqual({ value: { name: 'Ana' } });
  });

  it('reads base64 bodies and +json media types', async () => {
    const request = await parse({
      headers: { 'content-type': 'application/merge-patch+json; charset=utf-8' },
      body: Buffer.from('{"name":"Ana"}').toString('base64'),
      isBase64Encoded: true,
    });
    expect(request.context.input.body).toEqual({ name: 'Ana' });
  });

  it.each([
    ['no body', {}, 'validation-error', 'body'],
    ['a blank body', { body: ' \n' }, 'validation-error', 'body'],
    ['malformed JSON', { body: '{"name":' }, 'malformed-json', 'body'],
    [
      'another media type',
      { headers: { 'content-type': 'text/plain' }, body: '{}' },
      'unsupported-media-type',
      'content-type',
    ],
    ['no media type', { headers: {}, body: '{}' }, 'unsupported-media-type', 'content-type'],
  ])('refuses %s', async (_name, options, code, path) => {
    const e = await refusal({ headers: json, ...options });
    expect(e.code).toBe(code);
    expect(e.errors).toEqual([expect.objectContaining({ path })]);
  });

  it('refuses a body over the Lambda payload limit with 413', async () => {
    const e = await refusal({ headers: json, body: `"${'x'.repeat(MAX_BODY_BYTES)}"` });
    expect(e.code).toBe('payload-too-large');
  });

  it('reads the body before checking params, then params, query and body in turn', async () => {
    const bad = {
      headers: json,
      pathParameters: { id: 'x' },
      queryStringParameters: { limit: '9' },
      body: '{"name":1}',
    };
    expect((await refusal({ ...bad, body: '{' })).code).toBe('malformed-json');
    expect((await refusal(bad)).errors).toEqual([expect.objectContaining({ path: 'params.id' })]);
    expect((await refusal({ ...bad, pathParameters: { id: 'thg_1' } })).errors).toEqual([
      expect.objectContaining({ path: 'query.limit' }),
    ]);
    expect(
      (await refusal({ ...bad, pathParameters: { id: 'thg_1' }, queryStringParameters: {} }))
        .errors,
    ).toEqual([{ path: 'name', message: 'Invalid input: expected string, received number' }]);
  });

  it('leaves the body of routes without a body schema to the handler', async () => {
    const request = await parse({ headers: { 'content-type': 'application/xml' }, body: '<a/>' }, {
      request: {},
    } as never);
    expect(request.context.input).toEqual({ params: undefined, query: undefined, body: undefined });
    expect(request.internal.json).toBeUndefined();
    expect(request.event.body).toBe('<a/>');
  });
});
