import { repositories } from '@sello/app/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
let tenantId: string;
const productIds: string[] = [];

beforeAll(async () => {
  ({ key, tenantId } = await createTenant());
  for (const code of ['P-1', 'P-2', 'P-3']) {
    const res = await api.call('POST', '/v1/products', {
      key,
      body: { code, description: code, unitPrice: '10.00', taxes: [{ type: 'IVA', rate: '21' }] },
    });
    productIds.push(res.json.id);
  }
});

const newTariff = async (prices = [{ productId: productIds[0], unitPrice: '9.00' }]) => {
  const res = await api.call('POST', '/v1/tariffs', { key, body: { name: 'Wholesale', prices } });
  expect(res.status, res.text).toBe(201);
  return res.json;
};

describe('POST /v1/tariffs', () => {
  it('creates a tariff, its prices sorted by product, readable as created', async () => {
    const res = await api.call('POST', '/v1/tariffs', {
      key,
      body: {
        name: 'Distribuidores',
        prices: [
          { productId: productIds[1], unitPrice: '8.50' },
          { productId: productIds[0], unitPrice: '9.00' },
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^trf_[0-9a-z]{26}$/),
      name: 'Distribuidores',
      prices: [
        { productId: productIds[0], unitPrice: '9.00' },
        { productId: productIds[1], unitPrice: '8.50' },
      ],
      version: 1,
      createdAt: expect.any(String),
      updatedAt: res.json.createdAt,
    });
    expect(res.headers.get('location')).toBe(`/v1/tariffs/${res.json.id}`);
    expect(res.headers.get('etag')).toBe('"v1"');
    expect((await api.call('GET', `/v1/tariffs/${res.json.id}`, { key })).json).toEqual(res.json);
  });

  it('names unknown, deleted and repeated products, and writes nothing', async () => {
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
    const before = (await api.call('GET', '/v1/tariffs?limit=200', { key })).json.items.length;
    const res = await api.call('POST', '/v1/tariffs', {
      key,
      body: {
        name: 'Bad',
        prices: [
          { productId: productIds[0], unitPrice: '1' },
          { productId: 'prd_nope', unitPrice: '1' },
          { productId: gone, unitPrice: '1' },
          { productId: productIds[0], unitPrice: '2' },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'prices.1.productId', message: 'No product prd_nope' },
      { path: 'prices.2.productId', message: `No product ${gone}` },
      {
        path: 'prices.3.productId',
        message: `${productIds[0]} already has a price at prices.0`,
      },
    ]);
    expect((await api.call('GET', '/v1/tariffs?limit=200', { key })).json.items).toHaveLength(
      before,
    );
  });

  it('refuses bad input naming the field', async () => {
    const res = await api.call('POST', '/v1/tariffs', {
      key,
      body: { name: '', prices: [{ productId: productIds[0], unitPrice: 'cheap' }] },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'name',
      'prices.0.unitPrice',
    ]);
  });

  it('checks more products than one BatchGet takes (100)', async () => {
    const { key: own } = await createTenant();
    const ids: string[] = [];
    const batch = async (from: number) => {
      for (let i = from; i < from + 15; i++) {
        const res = await api.call('POST', '/v1/products', {
          key: own,
          body: {
            code: `B-${i}`,
            description: 'x',
            unitPrice: '1',
            taxes: [{ type: 'IVA', rate: '21' }],
          },
        });
        ids.push(res.json.id);
      }
    };
    await Promise.all([0, 15, 30, 45, 60, 75, 90, 105].map(batch));
    const prices = ids.map((productId) => ({ productId, unitPrice: '2.50' }));
    const res = await api.call('POST', '/v1/tariffs', { key: own, body: { name: 'Big', prices } });
    expect(res.status, res.text).toBe(201);
    expect(res.json.prices).toHaveLength(120);
    const bad = await api.call('POST', '/v1/tariffs', {
      key: own,
      body: { name: 'Big', prices: [...prices, { productId: 'prd_nope', unitPrice: '1' }] },
    });
    expect(bad.json.errors).toEqual([
      { path: 'prices.120.productId', message: 'No product prd_nope' },
    ]);
  });

  it('stores the largest tariff the schema allows within one DynamoDB item', async () => {
    // 5000 entries with our id length and the widest unit price: the item must stay under 400 KB.
    const prices = Array.from({ length: 5000 }, (_, i) => ({
      productId: `prd_${String(i).padStart(26, '0')}`,
      unitPrice: '-999999999999999.999999',
    }));
    const now = new Date().toISOString();
    const tariff = {
      id: 'trf_big',
      tenantId,
      name: 'x'.repeat(100),
      prices,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await repositories().tariffs.create(tariff);
    const read = await repositories().tariffs.get(tenantId, 'trf_big');
    expect(read?.prices).toEqual(prices);
  });
});

describe('GET /v1/tariffs', () => {
  it('pages through live tariffs in creation order', async () => {
    const { key: own } = await createTenant();
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await api.call('POST', '/v1/tariffs', {
        key: own,
        body: { name: `T${i}`, prices: [] },
      });
      ids.push(res.json.id);
    }
    await api.call('DELETE', `/v1/tariffs/${ids[1]}`, { key: own });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api.call(
        'GET',
        `/v1/tariffs?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { key: own },
      );
      seen.push(...res.json.items.map((t: { id: string }) => t.id));
      cursor = res.json.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([ids[0], ids[2], ids[3]]);
  });
});

describe('PATCH /v1/tariffs/{id}', () => {
  it('renames, replaces the whole price list and bumps the version', async () => {
    const t = await newTariff();
    const renamed = await api.call('PATCH', `/v1/tariffs/${t.id}`, {
      key,
      body: { name: 'Wholesale 2027' },
    });
    expect(renamed.json).toMatchObject({ name: 'Wholesale 2027', prices: t.prices, version: 2 });
    const replaced = await api.call('PATCH', `/v1/tariffs/${t.id}`, {
      key,
      body: { prices: [{ productId: productIds[2], unitPrice: '7.00' }] },
    });
    expect(replaced.status).toBe(200);
    expect(replaced.json).toMatchObject({
      name: 'Wholesale 2027',
      prices: [{ productId: productIds[2], unitPrice: '7.00' }],
      version: 3,
    });
    expect(replaced.headers.get('etag')).toBe('"v3"');
    const bad = await api.call('PATCH', `/v1/tariffs/${t.id}`, {
      key,
      body: { prices: [{ productId: 'prd_nope', unitPrice: '1' }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('prices.0.productId');
  });

  it('honours If-Match: a stale version gets 412 and changes nothing', async () => {
    const t = await newTariff();
    const ok = await api.call('PATCH', `/v1/tariffs/${t.id}`, {
      key,
      body: { name: 'First' },
      headers: { 'if-match': '"v1"' },
    });
    expect(ok.status).toBe(200);
    const stale = await api.call('PATCH', `/v1/tariffs/${t.id}`, {
      key,
      body: { name: 'Second' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);
    expect((await api.call('GET', `/v1/tariffs/${t.id}`, { key })).json.name).toBe('First');
  });

  it('refuses an empty patch and unknown fields', async () => {
    const t = await newTariff();
    expect((await api.call('PATCH', `/v1/tariffs/${t.id}`, { key, body: {} })).status).toBe(400);
    const unknown = await api.call('PATCH', `/v1/tariffs/${t.id}`, { key, body: { nmae: 'x' } });
    expect(unknown.json.errors).toEqual([{ path: 'nmae', message: 'Unknown field' }]);
  });
});

describe('DELETE /v1/tariffs/{id}', () => {
  it('soft-deletes: gone from reads, lists and further changes', async () => {
    const t = await newTariff();
    expect((await api.call('DELETE', `/v1/tariffs/${t.id}`, { key })).status).toBe(204);
    expect((await api.call('GET', `/v1/tariffs/${t.id}`, { key })).status).toBe(404);
    expect((await api.call('DELETE', `/v1/tariffs/${t.id}`, { key })).status).toBe(404);
    const patch = await api.call('PATCH', `/v1/tariffs/${t.id}`, { key, body: { name: 'x' } });
    expect(patch.status).toBe(404);
    const list = await api.call('GET', '/v1/tariffs?limit=200', { key });
    expect(list.json.items.map((x: { id: string }) => x.id)).not.toContain(t.id);
  });

  it("is 404 for another tenant's tariff on every route", async () => {
    const t = await newTariff();
    const other = await createTenant('Other tenant');
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { name: 'Hijacked' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await api.call(method, `/v1/tariffs/${t.id}`, {
        key: other.key,
        ...(body ? { body } : {}),
      });
      expect(res.status, method).toBe(404);
    }
    expect((await api.call('GET', '/v1/tariffs', { key: other.key })).json.items).toEqual([]);
  });
});

describe("a customer's tariffId", () => {
  it('must name a live tariff of the tenant, on create and on update', async () => {
    const t = await newTariff();
    const ok = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ tariffId: t.id }),
    });
    expect(ok.status).toBe(201);
    expect(ok.json.tariffId).toBe(t.id);

    const unknown = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ tariffId: 'trf_nope' }),
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ path: 'tariffId', message: 'No tariff trf_nope' }]);

    const other = await createTenant('Other tenant');
    const foreign = await api.call('POST', '/v1/customers', {
      key: other.key,
      body: aCustomer({ tariffId: t.id }),
    });
    expect(foreign.status).toBe(400);
    expect(foreign.json.errors[0].path).toBe('tariffId');

    const gone = await newTariff();
    await api.call('DELETE', `/v1/tariffs/${gone.id}`, { key });
    const patch = await api.call('PATCH', `/v1/customers/${ok.json.id}`, {
      key,
      body: { tariffId: gone.id },
    });
    expect(patch.status).toBe(400);
    expect(patch.json.errors[0].path).toBe('tariffId');
    const cleared = await api.call('PATCH', `/v1/customers/${ok.json.id}`, {
      key,
      body: { tariffId: null },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.json).not.toHaveProperty('tariffId');
    expect(cleared.json.version).toBe(2);
  });
});
