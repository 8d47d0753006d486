import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;

beforeAll(async () => {
  ({ key } = await createTenant());
});

const newCustomer = async () =>
  (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json;

describe('PATCH /v1/customers/{id}', () => {
  it('changes the given fields, bumps the version and removes e-mail on null', async () => {
    const c = await newCustomer();
    const res = await api.call('PATCH', `/v1/customers/${c.id}`, {
      key,
      body: { name: 'Ana García', email: null, language: 'ca' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ id: c.id, name: 'Ana García', language: 'ca', version: 2 });
    expect(res.json).not.toHaveProperty('email');
    expect(res.headers.get('etag')).toBe('"v2"');
    expect(res.json.createdAt).toBe(c.createdAt);
  });

  it('re-checks the tax id when the country changes', async () => {
    const c = await newCustomer();
    const res = await api.call('PATCH', `/v1/customers/${c.id}`, {
      key,
      body: {
        address: { line1: 'Av. Juárez 5', city: 'Puebla', postalCode: '72000', country: 'MX' },
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe('taxId');
    expect((await api.call('GET', `/v1/customers/${c.id}`, { key })).json.version).toBe(1);
  });

  it('honours If-Match: a stale version gets 412 and changes nothing', async () => {
    const c = await newCustomer();
    const first = await api.call('PATCH', `/v1/customers/${c.id}`, {
      key,
      body: { name: 'First' },
      headers: { 'if-match': '"v1"' },
    });
    expect(first.status).toBe(200);
    const stale = await api.call('PATCH', `/v1/customers/${c.id}`, {
      key,
      body: { name: 'Second' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.json.type).toBe('urn:sello:problem:precondition-failed');
    expect((await api.call('GET', `/v1/customers/${c.id}`, { key })).json.name).toBe('First');
  });

  it('lets exactly one of two concurrent writers of the same version win', async () => {
    const c = await newCustomer();
    const results = await Promise.all(
      ['A', 'B'].map((name) =>
        api.call('PATCH', `/v1/customers/${c.id}`, {
          key,
          body: { name },
          headers: { 'if-match': '"v1"' },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
  });

  it('refuses an empty patch and unknown fields', async () => {
    const c = await newCustomer();
    const empty = await api.call('PATCH', `/v1/customers/${c.id}`, { key, body: {} });
    expect(empty.status).toBe(400);
    const unknown = await api.call('PATCH', `/v1/customers/${c.id}`, {
      key,
      body: { nmae: 'typo' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ path: 'nmae', message: 'Unknown field' }]);
  });
});
