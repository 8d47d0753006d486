import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
let id: string;

beforeAll(async () => {
  ({ key } = await createTenant());
  id = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

describe('GET /v1/customers/{id}', () => {
  it('answers the customer with its version as ETag, and 304 when unchanged', async () => {
    const res = await api.call('GET', `/v1/customers/${id}`, { key });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id, taxId: '12345678Z', version: 1 });
    expect(res.json).not.toHaveProperty('tenantId');
    expect(res.headers.get('etag')).toBe('"v1"');
    const again = await api.call('GET', `/v1/customers/${id}`, {
      key,
      headers: { 'if-none-match': '"v1"' },
    });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
  });

  it('is 404 problem+json for an unknown id', async () => {
    const res = await api.call('GET', '/v1/customers/cus_nope', { key });
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({
      type: 'urn:sello:problem:not-found',
      status: 404,
      detail: 'Customer cus_nope was not found',
    });
  });

  it("is 404 for every resource of another tenant, whatever the other tenant's key", async () => {
    const other = await createTenant('Other tenant');
    for (const [method, path, body] of [
      ['GET', `/v1/customers/${id}`, undefined],
      ['PATCH', `/v1/customers/${id}`, { name: 'Hijacked' }],
      ['DELETE', `/v1/customers/${id}`, undefined],
    ] as const) {
      const res = await api.call(method, path, { key: other.key, ...(body ? { body } : {}) });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    const list = await api.call('GET', '/v1/customers', { key: other.key });
    expect(list.json.items).toEqual([]);
    // The owner still sees it untouched.
    const mine = await api.call('GET', `/v1/customers/${id}`, { key });
    expect(mine.json).toMatchObject({ name: 'Ana García Pérez', version: 1 });
  });
});
