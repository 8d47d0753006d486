import { repositories } from '@sello/app/platform';
import { resolveLines } from '@sello/core/catalog';
import { type Customer, getCustomer } from '@sello/core/customers';
import { computeInvoice } from '@sello/core/taxes';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/**
 * `resolveLines` over the real DynamoDB repositories, with the catalog built through the API:
 * the price rule is the line's own price > the customer's price > its tariff's > the catalog's.
 */
const api = await startApi();
let key: string;
let tenantId: string;
const product: Record<string, string> = {};
let tariffId: string;

const post = async (path: string, body: unknown) => {
  const res = await api.call('POST', path, { key, body });
  expect(res.status, res.text).toBe(201);
  return res.json;
};
const customer = async (body: Record<string, unknown> = {}): Promise<Customer> =>
  getCustomer(repositories())(tenantId, (await post('/v1/customers', aCustomer(body))).id);
const resolve = () => resolveLines(repositories());

beforeAll(async () => {
  ({ key, tenantId } = await createTenant());
  for (const [name, unitPrice] of [
    ['everywhere', '100.00'],
    ['tariffed', '50.00'],
    ['catalog', '20.00'],
  ] as const) {
    product[name] = (
      await post('/v1/products', {
        code: name,
        description: `Product ${name}`,
        unitPrice,
        unit: 'ud',
        taxes: [{ type: 'IVA', rate: '21' }],
      })
    ).id;
  }
  tariffId = (
    await post('/v1/tariffs', {
      name: 'Wholesale',
      prices: [
        { productId: product.everywhere, unitPrice: '90.00' },
        { productId: product.tariffed, unitPrice: '45.00' },
      ],
    })
  ).id;
});

describe('resolveLines with the DynamoDB repositories', () => {
  it('applies customer > tariff > catalog, and the line price over all of them', async () => {
    // Arrange
    const c = await customer({ tariffId });
    const put = await api.call('PUT', `/v1/customers/${c.id}/prices`, {
      key,
      body: { prices: [{ productId: product.everywhere, unitPrice: '80.00' }] },
    });
    expect(put.status).toBe(200);
    // Act
    const lines = await resolve()(tenantId, c, [
      { productId: product.everywhere!, quantity: '1' },
      { productId: product.tariffed!, quantity: '1' },
      { productId: product.catalog!, quantity: '1' },
      { productId: product.everywhere!, quantity: '1', unitPrice: '75.00' },
    ]);
    // Assess
    expect(lines.map((l) => l.unitPrice)).toEqual(['80.00', '45.00', '20.00', '75.00']);
    expect(lines[0]).toEqual({
      description: 'Product everywhere',
      quantity: '1',
      unitPrice: '80.00',
      productId: product.everywhere,
      unit: 'ud',
      taxes: [{ type: 'IVA', rate: '21' }],
    });
    expect(computeInvoice(lines).totals).toEqual({
      net: '220.00',
      tax: '46.20',
      withheld: '0.00',
      total: '266.20',
    });
  });

  it('gives the tariff price without customer prices, the catalog price without a tariff', async () => {
    const withTariff = await customer({ tariffId });
    const plain = await customer();
    const lines = [
      { productId: product.everywhere!, quantity: '1' },
      { productId: product.tariffed!, quantity: '1' },
    ];
    expect((await resolve()(tenantId, withTariff, lines)).map((l) => l.unitPrice)).toEqual([
      '90.00',
      '45.00',
    ]);
    expect((await resolve()(tenantId, plain, lines)).map((l) => l.unitPrice)).toEqual([
      '100.00',
      '50.00',
    ]);
  });

  it('follows catalog changes: a new catalog price, a tariff change, a removed customer price', async () => {
    const c = await customer({ tariffId });
    const own = await post('/v1/products', {
      code: 'changing',
      description: 'Changing',
      unitPrice: '10.00',
      taxes: [{ type: 'IVA', rate: '10' }],
    });
    const line = [{ productId: own.id as string, quantity: '1' }];
    await api.call('PUT', `/v1/customers/${c.id}/prices`, {
      key,
      body: { prices: [{ productId: own.id, unitPrice: '7.00' }] },
    });
    expect((await resolve()(tenantId, c, line))[0]!.unitPrice).toBe('7.00');
    await api.call('PUT', `/v1/customers/${c.id}/prices`, { key, body: { prices: [] } });
    expect((await resolve()(tenantId, c, line))[0]!.unitPrice).toBe('10.00');
    await api.call('PATCH', `/v1/tariffs/${tariffId}`, {
      key,
      body: {
        prices: [
          { productId: product.everywhere, unitPrice: '90.00' },
          { productId: product.tariffed, unitPrice: '45.00' },
          { productId: own.id, unitPrice: '9.00' },
        ],
      },
    });
    expect((await resolve()(tenantId, c, line))[0]!.unitPrice).toBe('9.00');
    await api.call('PATCH', `/v1/products/${own.id}`, { key, body: { description: 'Renamed' } });
    expect((await resolve()(tenantId, c, line))[0]).toMatchObject({
      description: 'Renamed',
      unitPrice: '9.00',
      taxes: [{ type: 'IVA', rate: '10' }],
    });
  });

  it('reads each product once in one BatchGet, however many lines name it', async () => {
    const c = await customer({ tariffId });
    const repos = repositories();
    const getMany = vi.spyOn(repos.products, 'getMany');
    const get = vi.spyOn(repos.products, 'get');
    try {
      const lines = await resolve()(
        tenantId,
        c,
        Array.from({ length: 30 }, (_, i) => ({
          productId: [product.everywhere!, product.tariffed!, product.catalog!][i % 3]!,
          quantity: '1',
        })),
      );
      expect(lines).toHaveLength(30);
      expect(getMany).toHaveBeenCalledTimes(1);
      expect(getMany.mock.calls[0]![1]).toHaveLength(3);
      expect(get).not.toHaveBeenCalled();
    } finally {
      getMany.mockRestore();
      get.mockRestore();
    }
  });

  it('names unknown, deleted and foreign products and incomplete free-text lines', async () => {
    const c = await customer({ tariffId });
    const gone = await post('/v1/products', {
      code: 'gone',
      description: 'Gone',
      unitPrice: '1',
      taxes: [{ type: 'IVA', rate: '21' }],
    });
    await api.call('DELETE', `/v1/products/${gone.id}`, { key });
    const other = await createTenant('Other tenant');
    const foreign = (
      await api.call('POST', '/v1/products', {
        key: other.key,
        body: { code: 'x', description: 'x', unitPrice: '1', taxes: [{ type: 'IVA', rate: '21' }] },
      })
    ).json.id;
    const error = await resolve()(tenantId, c, [
      { productId: product.catalog!, quantity: '1' },
      { productId: gone.id, quantity: '1' },
      { productId: foreign, quantity: '1' },
      { productId: 'prd_nope', quantity: '1' },
      { quantity: '1', description: 'Free text' },
    ]).catch((e: { errors?: unknown }) => e);
    expect(error).toMatchObject({
      code: 'validation-error',
      errors: [
        { path: 'lines.1.productId', message: `No product ${gone.id}` },
        { path: 'lines.2.productId', message: `No product ${foreign}` },
        { path: 'lines.3.productId', message: 'No product prd_nope' },
        { path: 'lines.4.unitPrice', message: 'Give a unitPrice or a productId' },
        { path: 'lines.4.taxes', message: 'Give the taxes or a productId' },
      ],
    });
  });

  it('falls back to the catalog when the tariff is deleted', async () => {
    const t = await post('/v1/tariffs', {
      name: 'Short-lived',
      prices: [{ productId: product.catalog, unitPrice: '1.00' }],
    });
    const c = await customer({ tariffId: t.id });
    const line = [{ productId: product.catalog!, quantity: '1' }];
    expect((await resolve()(tenantId, c, line))[0]!.unitPrice).toBe('1.00');
    await api.call('DELETE', `/v1/tariffs/${t.id}`, { key });
    expect((await resolve()(tenantId, c, line))[0]!.unitPrice).toBe('20.00');
  });
});
