import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;

beforeAll(async () => {
  ({ key } = await createTenant());
});

const expectProblem = (
  res: { status: number; headers: Headers; json: unknown },
  status: number,
) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.json).toMatchObject({ status, type: expect.stringMatching(/^urn:sello:problem:/) });
  expect(res.headers.get('x-correlation-id')).toBeTruthy();
};

describe('bad input gets a 4xx problem+json naming the field, and writes nothing', () => {
  it.each([
    [
      'malformed JSON',
      { raw: '{"taxId": "12345678Z",', headers: { 'content-type': 'application/json' } },
      400,
      'body',
    ],
    ['an empty body', { raw: '', headers: { 'content-type': 'application/json' } }, 400, 'body'],
    ['a JSON array', { body: [] }, 400, 'body'],
    [
      'a wrong content type',
      { raw: 'taxId=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
      415,
      'content-type',
    ],
    ['a number for the name', { body: aCustomer({ name: 42 }) }, 400, 'name'],
    ['a missing address', { body: { taxId: '12345678Z', name: 'Ana' } }, 400, 'address'],
    [
      'a nested wrong type',
      { body: aCustomer({ address: { ...aCustomer().address, city: ['x'] } }) },
      400,
      'address.city',
    ],
    [
      'a lowercase country',
      { body: aCustomer({ address: { ...aCustomer().address, country: 'es' } }) },
      400,
      'address.country',
    ],
    ['an invalid e-mail', { body: aCustomer({ email: 'not-an-email' }) }, 400, 'email'],
    ['an unknown field', { body: { ...aCustomer(), vip: true } }, 400, 'vip'],
    ['an unsupported language', { body: aCustomer({ language: 'fr' }) }, 400, 'language'],
  ])('%s', async (_name, options, status, path) => {
    const res = await api.call('POST', '/v1/customers', { key, ...options });
    expectProblem(res, status);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    const list = await api.call('GET', '/v1/customers', { key });
    expect(list.json.items).toEqual([]);
  });

  it('missing or bad credentials are 401 with WWW-Authenticate, before anything is read', async () => {
    const none = await api.call('POST', '/v1/customers', { body: aCustomer() });
    expectProblem(none, 401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="sello"');
    expect(none.json.errors).toEqual([{ path: 'authorization', message: 'Required' }]);
    const basic = await api.call('GET', '/v1/customers', {
      headers: { authorization: 'Basic dXNlcjpwYXNz' },
    });
    expectProblem(basic, 401);
    const wrong = await api.call('GET', '/v1/customers', { key: `sello_${'x'.repeat(40)}` });
    expectProblem(wrong, 401);
    expect(wrong.json.detail).toBe('Invalid or revoked API key');
  });

  it('unknown routes are 404 and wrong methods 405 with Allow, as problem+json', async () => {
    const unknown = await api.call('GET', '/v1/nothing-here', { key });
    expectProblem(unknown, 404);
    expect(unknown.json.type).toBe('urn:sello:problem:route-not-found');
    const method = await api.call('PUT', '/v1/customers', { key, body: aCustomer() });
    expectProblem(method, 405);
    expect(method.headers.get('allow')).toBe('POST, GET');
  });

  it('a bad Idempotency-Key header is named', async () => {
    const res = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer(),
      headers: { 'idempotency-key': 'x'.repeat(300) },
    });
    expectProblem(res, 400);
    expect(res.json.errors).toEqual([{ path: 'Idempotency-Key', message: 'Invalid header value' }]);
  });

  it('echoes a caller correlation id, and never leaks internals on errors', async () => {
    const res = await api.call('GET', '/v1/customers/cus_x', {
      key,
      headers: { 'x-correlation-id': 'erp-42' },
    });
    expect(res.headers.get('x-correlation-id')).toBe('erp-42');
    expect(res.json.correlationId).toBe('erp-42');
    expect(res.text).not.toContain(key);
  });
});

describe('CORS', () => {
  it('answers preflights for allowed origins only', async () => {
    const allowed = await api.call('OPTIONS', '/v1/customers', {
      headers: { origin: 'https://portal.example', 'access-control-request-method': 'POST' },
    });
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://portal.example');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('idempotency-key');
    const other = await api.call('OPTIONS', '/v1/customers', {
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});
