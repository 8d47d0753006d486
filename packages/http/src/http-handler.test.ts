import { defineRoute } from '@sello/contracts';
import { NotFoundError } from '@sello/core/errors';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { aContext, anEvent, credentialStores, MemoryIdempotencyStore } from '../testing/fakes.ts';
import { createHttpHandler, type HttpRequest } from './http-handler.ts';
import { created, ok } from './responses.ts';

const stores = credentialStores();
const tenant = stores.addKey('ten_1');
const idempotency = new MemoryIdempotencyStore();
const httpHandler = createHttpHandler(() => ({ ...stores, idempotency }));

const base = { entry: 'x', access: [], summary: '', tag: '', responses: {} } as const;
const createThing = defineRoute({
  ...base,
  id: 'createThing',
  method: 'POST',
  path: '/v1/things/{id}',
  auth: 'tenant',
  request: {
    params: z.object({ id: z.string() }),
    query: z.object({ dryRun: z.enum(['true', 'false']).optional() }),
    body: z.object({ name: z.string() }).strict(),
  },
});
const getThing = defineRoute({
  ...base,
  id: 'getThing',
  method: 'GET',
  path: '/v1/x',
  auth: 'tenant',
});

const seen: HttpRequest<typeof createThing>[] = [];
const create = httpHandler(createThing, async (request) => {
  seen.push(request);
  return created({ id: request.params.id, name: request.body.name }, '/v1/things/thg_1');
});
const get = httpHandler(getThing, async () => ok({ id: 'thg_1' }));
const failing = httpHandler(getThing, async () => {
  throw new NotFoundError('Thing', 'thg_1');
});

const auth = { authorization: `Bearer ${tenant.secret}` };
const json = { 'content-type': 'application/json' };
const post = (headers: Record<string, string>, body = '{"name":"A"}') =>
  create(
    anEvent({
      method: 'POST',
      rawPath: '/v1/things/thg_1',
      pathParameters: { id: 'thg_1' },
      headers: { ...auth, ...json, ...headers },
      body,
    }),
    aContext(),
  );

describe('httpHandler', () => {
  it('hands the handler the parsed request, and answers with headers around its result', async () => {
    const event = anEvent({
      method: 'POST',
      requestId: 'req-1',
      pathParameters: { id: 'thg_1' },
      queryStringParameters: { dryRun: 'true' },
      headers: { ...auth, ...json, 'if-match': '"v4"' },
      body: '{"name":"A"}',
    });
    const response = await create(event, aContext());
    expect(seen.at(-1)).toEqual({
      params: { id: 'thg_1' },
      query: { dryRun: 'true' },
      body: { name: 'A' },
      principal: { kind: 'tenant', tenantId: 'ten_1', keyId: tenant.keyId },
      headers: event.headers,
      correlationId: 'req-1',
      expectedVersion: 4,
      event,
    });
    expect(response).toEqual({
      statusCode: 201,
      headers: {
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        location: '/v1/things/thg_1',
        'content-type': 'application/json; charset=utf-8',
        'x-correlation-id': 'req-1',
      },
      body: '{"id":"thg_1","name":"A"}',
    });
  });

  it('checks credentials before the body, and the body before claiming an Idempotency-Key', async () => {
    const noAuth = await create(
      anEvent({ method: 'POST', headers: { ...json, 'idempotency-key': 'k0' }, body: '{' }),
      aContext(),
    );
    expect(noAuth.statusCode).toBe(401);
    expect(noAuth.headers['www-authenticate']).toBe('Bearer realm="sello"');
    const badJson = await post({ 'idempotency-key': 'k0' }, '{');
    expect(JSON.parse(badJson.body!).type).toBe('urn:sello:problem:malformed-json');
    const both = await post({ 'idempotency-key': 'x'.repeat(300) }, '{"name":1}');
    expect(JSON.parse(both.body!).errors).toEqual([
      { path: 'name', message: 'Invalid input: expected string, received number' },
    ]);
    expect(idempotency.calls).toEqual([]);
  });

  it('replays a repeated POST with the same headers around it, marked', async () => {
    const runs = seen.length;
    const first = await post({ 'idempotency-key': 'k1' });
    const again = await post({ 'idempotency-key': 'k1', 'x-correlation-id': 'retry-1' });
    expect(seen.length).toBe(runs + 1);
    expect(again.body).toBe(first.body);
    expect(Object.entries(again.headers)).toEqual([
      ['x-content-type-options', 'nosniff'],
      ['cache-control', 'no-store'],
      ['location', '/v1/things/thg_1'],
      ['content-type', 'application/json; charset=utf-8'],
      ['idempotent-replayed', 'true'],
      ['x-correlation-id', 'retry-1'],
    ]);
  });

  it('answers a conditional GET 304 with its ETag and the usual headers only', async () => {
    const event = (headers = {}) =>
      anEvent({ requestId: 'req-2', headers: { ...auth, ...headers } });
    const full = await get(event(), aContext());
    const notModified = await get(event({ 'if-none-match': full.headers.etag }), aContext());
    expect(notModified).toEqual({
      statusCode: 304,
      headers: {
        'x-content-type-options': 'nosniff',
        'cache-control': 'no-store',
        etag: full.headers.etag,
        'x-correlation-id': 'req-2',
      },
      body: '',
    });
  });

  it('answers errors as problem+json with the same headers', async () => {
    const response = await failing(anEvent({ requestId: 'req-3', headers: auth }), aContext());
    expect(response.statusCode).toBe(404);
    expect(Object.keys(response.headers)).toEqual([
      'x-content-type-options',
      'cache-control',
      'content-type',
      'x-correlation-id',
    ]);
    expect(JSON.parse(response.body!)).toMatchObject({ status: 404, correlationId: 'req-3' });
  });
});
