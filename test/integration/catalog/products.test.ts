import { repositories } from '@sello/app/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
let tenantId: string;
let codes = 0;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant());
});

const aProduct = (overrides: Record<string, unknown> = {}) => ({
  code: `SKU-${++codes}`,
  description: 'Hora de consultoría',
  unitPrice: '60.00',
  unit: 'h',
  taxes: [{ type: 'IVA', rate: '21' }],
  ...overrides,
});
const newProduct = async (overrides: Record<string, unknown> = {}) => {
  const res = await api.call('POST', '/v1/products', { key, body: aProduct(overrides) });
  expect(res.status, res.text).toBe(201);
  return res.json;
};

describe('POST /v1/products', () => {
  it('creates a product with its version as ETag and a Location', async () => {
    const body = aProduct({
      taxes: [
        { type: 'IVA', rate: '21' },
        { type: 'IRPF', rate: '15' },
      ],
    });
    const res = await api.call('POST', '/v1/products', { key, body });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^prd_[0-9a-z]{26}$/),
      ...body,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: res.json.createdAt,
    });
    expect(res.headers.get('location')).toBe(`/v1/products/${res.json.id}`);
    expect(res.headers.get('etag')).toBe('"v1"');
    const read = await api.call('GET', `/v1/products/${res.json.id}`, { key });
    expect(read.json).toEqual(res.json);
    expect(read.headers.get('etag')).toBe('"v1"');
  });

  it('is 409 for a code another live product has, and writes nothing', async () => {
    const first = await newProduct();
    const again = await api.call('POST', '/v1/products', {
      key,
      body: aProduct({ code: first.code, description: 'Other' }),
    });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      type: 'urn:sello:problem:conflict',
      detail: `Product code ${first.code} is already used by ${first.id}`,
      errors: [{ path: 'code', message: 'Already used by another product' }],
    });
    const all = await api.call('GET', '/v1/products?limit=200', { key });
    expect(all.json.items.filter((p: { code: string }) => p.code === first.code)).toHaveLength(1);
  });

  it('lets exactly one of two concurrent creates of the same code win', async () => {
    const body = aProduct();
    const results = await Promise.all(
      [1, 2].map(() => api.call('POST', '/v1/products', { key, body })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
  });

  it.each([
    ['a code with spaces', { code: 'SKU 1' }, 'code'],
    ['no taxes', { taxes: undefined }, 'taxes'],
    ['a number for the price', { unitPrice: 60 }, 'unitPrice'],
    ['too many price decimals', { unitPrice: '1.1234567' }, 'unitPrice'],
    ['an unknown tax type', { taxes: [{ type: 'VAT', rate: '21' }] }, 'taxes.0.type'],
    ['an IVA rate that does not exist', { taxes: [{ type: 'IVA', rate: '22' }] }, 'taxes.0.rate'],
    ['withholding alone', { taxes: [{ type: 'IRPF', rate: '15' }] }, 'taxes'],
    [
      'a recargo that does not go with its IVA',
      {
        taxes: [
          { type: 'IVA', rate: '10' },
          { type: 'RE', rate: '5.2' },
        ],
      },
      'taxes.1.rate',
    ],
    ['an unknown field', { vip: true }, 'vip'],
  ])('refuses %s naming the field, and writes nothing', async (_name, overrides, path) => {
    const before = (await api.call('GET', '/v1/products?limit=200', { key })).json.items.length;
    const res = await api.call('POST', '/v1/products', { key, body: aProduct(overrides) });
    expect(res.status).toBe(400);
    expect(res.json.type).toBe('urn:sello:problem:validation-error');
    expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    const after = (await api.call('GET', '/v1/products?limit=200', { key })).json.items.length;
    expect(after).toBe(before);
  });
});

describe('GET /v1/products', () => {
  it('pages through live products in creation order', async () => {
    const { key: own } = await createTenant();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await api.call('POST', '/v1/products', { key: own, body: aProduct() });
      ids.push(res.json.id);
    }
    await api.call('DELETE', `/v1/products/${ids[2]}`, { key: own });
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api.call(
        'GET',
        `/v1/products?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { key: own },
      );
      expect(res.status).toBe(200);
      seen.push(...res.json.items.map((p: { id: string }) => p.id));
      cursor = res.json.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([ids[0], ids[1], ids[3], ids[4]]);
  });

  it('refuses a cursor of another list', async () => {
    const forged = Buffer.from(
      JSON.stringify({ pk: `TENANT#${tenantId}`, sk: 'CUSTOMER#x' }),
    ).toString('base64url');
    const res = await api.call('GET', `/v1/products?cursor=${forged}`, { key });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe('cursor');
  });
});

describe('PATCH /v1/products/{id}', () => {
  it('changes the given fields and bumps the version', async () => {
    const p = await newProduct();
    const res = await api.call('PATCH', `/v1/products/${p.id}`, {
      key,
      body: { unitPrice: '65.00', taxes: [{ type: 'IVA', rate: '10' }] },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      code: p.code,
      description: p.description,
      unitPrice: '65.00',
      taxes: [{ type: 'IVA', rate: '10' }],
      version: 2,
      createdAt: p.createdAt,
    });
    expect(res.headers.get('etag')).toBe('"v2"');
  });

  it('moves the code: the old one is free, a taken one is 409 and changes nothing', async () => {
    const p = await newProduct();
    const other = await newProduct();
    const taken = await api.call('PATCH', `/v1/products/${p.id}`, {
      key,
      body: { code: other.code },
    });
    expect(taken.status).toBe(409);
    expect((await api.call('GET', `/v1/products/${p.id}`, { key })).json).toMatchObject({
      code: p.code,
      version: 1,
    });
    const moved = await api.call('PATCH', `/v1/products/${p.id}`, {
      key,
      body: { code: `${p.code}-NEW` },
    });
    expect(moved.status).toBe(200);
    // The old code can be used by a new product; the new one cannot.
    await newProduct({ code: p.code });
    const clash = await api.call('POST', '/v1/products', {
      key,
      body: aProduct({ code: `${p.code}-NEW` }),
    });
    expect(clash.status).toBe(409);
  });

  it('honours If-Match: a stale version gets 412 and changes nothing', async () => {
    const p = await newProduct();
    const first = await api.call('PATCH', `/v1/products/${p.id}`, {
      key,
      body: { description: 'First' },
      headers: { 'if-match': '"v1"' },
    });
    expect(first.status).toBe(200);
    const stale = await api.call('PATCH', `/v1/products/${p.id}`, {
      key,
      body: { description: 'Second' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.json.type).toBe('urn:sello:problem:precondition-failed');
    expect((await api.call('GET', `/v1/products/${p.id}`, { key })).json.description).toBe('First');
  });

  it('lets exactly one of two concurrent code changes of the same version win', async () => {
    const p = await newProduct();
    const results = await Promise.all(
      ['A', 'B'].map((suffix) =>
        api.call('PATCH', `/v1/products/${p.id}`, {
          key,
          body: { code: `${p.code}-${suffix}` },
          headers: { 'if-match': '"v1"' },
        }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 412]);
    const winner = results.find((r) => r.status === 200)!.json.code;
    const loser = winner.endsWith('-A') ? `${p.code}-B` : `${p.code}-A`;
    // Only the winner's code is claimed; the loser's and the original are free.
    await newProduct({ code: loser });
    await newProduct({ code: p.code });
    expect(
      (await api.call('POST', '/v1/products', { key, body: aProduct({ code: winner }) })).status,
    ).toBe(409);
  });

  it('refuses an empty patch, unknown fields and invalid taxes', async () => {
    const p = await newProduct();
    expect((await api.call('PATCH', `/v1/products/${p.id}`, { key, body: {} })).status).toBe(400);
    const unknown = await api.call('PATCH', `/v1/products/${p.id}`, {
      key,
      body: { prize: '1' },
    });
    expect(unknown.json.errors).toEqual([{ path: 'prize', message: 'Unknown field' }]);
    const taxes = await api.call('PATCH', `/v1/products/${p.id}`, {
      key,
      body: { taxes: [{ type: 'IGIC', rate: '21' }] },
    });
    expect(taxes.status).toBe(400);
    expect(taxes.json.errors[0].path).toBe('taxes.0.rate');
  });
});

describe('DELETE /v1/products/{id}', () => {
  it('soft-deletes: gone from reads and lists, kept in storage, its code free again', async () => {
    const p = await newProduct();
    const res = await api.call('DELETE', `/v1/products/${p.id}`, { key });
    expect(res.status).toBe(204);
    expect((await api.call('GET', `/v1/products/${p.id}`, { key })).status).toBe(404);
    expect((await api.call('DELETE', `/v1/products/${p.id}`, { key })).status).toBe(404);
    expect(
      (await api.call('PATCH', `/v1/products/${p.id}`, { key, body: { unit: 'kg' } })).status,
    ).toBe(404);
    const list = await api.call('GET', '/v1/products?limit=200', { key });
    expect(list.json.items.map((x: { id: string }) => x.id)).not.toContain(p.id);
    const stored = await repositories().products.get(tenantId, p.id);
    expect(stored).toMatchObject({ code: p.code, deletedAt: expect.any(String) });
    const reused = await newProduct({ code: p.code });
    expect(reused.id).not.toBe(p.id);
  });
});

describe('tenant isolation', () => {
  it("is 404 for another tenant's product on every route, and its code is not shared", async () => {
    const p = await newProduct();
    const other = await createTenant('Other tenant');
    for (const [method, body] of [
      ['GET', undefined],
      ['PATCH', { description: 'Hijacked' }],
      ['DELETE', undefined],
    ] as const) {
      const res = await api.call(method, `/v1/products/${p.id}`, {
        key: other.key,
        ...(body ? { body } : {}),
      });
      expect(res.status, method).toBe(404);
    }
    expect((await api.call('GET', '/v1/products', { key: other.key })).json.items).toEqual([]);
    const same = await api.call('POST', '/v1/products', {
      key: other.key,
      body: aProduct({ code: p.code }),
    });
    expect(same.status).toBe(201);
    expect((await api.call('GET', `/v1/products/${p.id}`, { key })).json).toMatchObject({
      description: p.description,
      version: 1,
    });
  });
});
