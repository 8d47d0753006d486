import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
const productIds: string[] = [];

beforeAll(async () => {
  ({ key } = await createTenant());
  for (const code of ['A', 'B', 'C']) {
    const res = await api.call('POST', '/v1/products', {
      key,
      body: { code, description: code, unitPrice: '10.00', taxes: [{ type: 'IVA', rate: '21' }] },
    });
    productIds.push(res.json.id);
  }
});

const newCustomer = async () =>
  (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json;
const pricesOf = (id: string, k = key) => api.call('GET', `/v1/customers/${id}/prices`, { key: k });

describe('PUT /v1/customers/{id}/prices', () => {
  it('replaces the whole set every time, and GET reads back what is in force', async () => {
    const c = await newCustomer();
    const empty = await pricesOf(c.id);
    expect(empty.status).toBe(200);
    expect(empty.json).toEqual({ customerId: c.id, prices: [] });

    const first = await api.call('PUT', `/v1/customers/${c.id}/prices`, {
      key,
      body: {
        prices: [
          { productId: productIds[1], unitPrice: '8.00' },
          { productId: productIds[0], unitPrice: '7.50' },
        ],
      },
    });
    expect(first.status).toBe(200);
    expect(first.json).toEqual({
      customerId: c.id,
      prices: [
        { productId: productIds[0], unitPrice: '7.50' },
        { productId: productIds[1], unitPrice: '8.00' },
      ],
      updatedAt: expect.any(String),
    });
    expect((await pricesOf(c.id)).json).toEqual(first.json);

    const second = await api.call('PUT', `/v1/customers/${c.id}/prices`, {
      key,
      body: { prices: [{ productId: productIds[2], unitPrice: '6.00' }] },
    });
    expect((await pricesOf(c.id)).json).toEqual(second.json);
    expect(second.json.prices).toEqual([{ productId: productIds[2], unitPrice: '6.00' }]);

    await api.call('PUT', `/v1/customers/${c.id}/prices`, { key, body: { prices: [] } });
    expect((await pricesOf(c.id)).json.prices).toEqual([]);
  });

  it('is 404 for an unknown, deleted or foreign customer, on PUT and GET', async () => {
    const gone = await newCustomer();
    await api.call('DELETE', `/v1/customers/${gone.id}`, { key });
    const mine = await newCustomer();
    const other = await createTenant('Other tenant');
    const body = { prices: [{ productId: productIds[0], unitPrice: '1' }] };
    for (const [id, k] of [
      ['cus_nope', key],
      [gone.id, key],
      [mine.id, other.key],
    ] as const) {
      const put = await api.call('PUT', `/v1/customers/${id}/prices`, { key: k, body });
      expect(put.status, id).toBe(404);
      expect(put.json.type).toBe('urn:sello:problem:not-found');
      expect((await pricesOf(id, k)).status, id).toBe(404);
    }
    expect((await pricesOf(mine.id)).json.prices).toEqual([]);
  });

  it("names unknown, deleted, repeated and other tenants' products, and keeps the old set", async () => {
    const c = await newCustomer();
    const kept = [{ productId: productIds[0], unitPrice: '5.00' }];
    await api.call('PUT', `/v1/customers/${c.id}/prices`, { key, body: { prices: kept } });
    const gone = (
      await api.call('POST', '/v1/products', {
        key,
        body: {
          code: 'GONE',
          description: 'x',
          unitPrice: '1',
          taxes: [{ type: 'IVA', rate: '21' }],
        },
      })
    ).json.id;
    await api.call('DELETE', `/v1/products/${gone}`, { key });
    const other = await createTenant('Other tenant');
    const foreign = (
      await api.call('POST', '/v1/products', {
        key: other.key,
        body: { code: 'A', description: 'x', unitPrice: '1', taxes: [{ type: 'IVA', rate: '21' }] },
      })
    ).json.id;
    const res = await api.call('PUT', `/v1/customers/${c.id}/prices`, {
      key,
      body: {
        prices: [
          { productId: 'prd_nope', unitPrice: '1' },
          { productId: gone, unitPrice: '1' },
          { productId: foreign, unitPrice: '1' },
          { productId: productIds[1], unitPrice: '1' },
          { productId: productIds[1], unitPrice: '2' },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'prices.0.productId', message: 'No product prd_nope' },
      { path: 'prices.1.productId', message: `No product ${gone}` },
      { path: 'prices.2.productId', message: `No product ${foreign}` },
      { path: 'prices.4.productId', message: `${productIds[1]} already has a price at prices.3` },
    ]);
    expect((await pricesOf(c.id)).json.prices).toEqual(kept);
  });

  it('refuses bad input naming the field', async () => {
    const c = await newCustomer();
    for (const [body, path] of [
      [{ prices: [{ productId: productIds[0], unitPrice: 5 }] }, 'prices.0.unitPrice'],
      [{ prices: [{ productId: productIds[0] }] }, 'prices.0.unitPrice'],
      [{ prices: [{ productId: '', unitPrice: '1' }] }, 'prices.0.productId'],
      [{}, 'prices'],
      [{ prices: [], extra: 1 }, 'extra'],
    ] as const) {
      const res = await api.call('PUT', `/v1/customers/${c.id}/prices`, { key, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
  });
});
