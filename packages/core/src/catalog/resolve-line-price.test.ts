import { beforeEach, describe, expect, it } from 'vitest';
import {
  aCustomerOf,
  InMemoryCustomerPrices,
  InMemoryProducts,
  InMemoryTariffs,
} from '../../testing/catalog.ts';
import { ValidationError } from '../errors.ts';
import { computeInvoice } from '../taxes/compute.ts';
import type { LineTax } from '../taxes/model.ts';
import type { Product } from './product.ts';
import { resolveLines } from './resolve-line-price.ts';

const T = 'ten_1';
const iva21: LineTax[] = [{ type: 'IVA', rate: '21' }];
const product = (id: string, overrides: Partial<Product> = {}): Product => ({
  id,
  tenantId: T,
  code: id.toUpperCase(),
  description: `Product ${id}`,
  unitPrice: '100.00',
  unit: 'h',
  taxes: iva21,
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...overrides,
});

let products: InMemoryProducts;
let tariffs: InMemoryTariffs;
let customerPrices: InMemoryCustomerPrices;
let resolve: ReturnType<typeof resolveLines>;
const withTariff = aCustomerOf(T, { tariffId: 'trf_1' });

beforeEach(async () => {
  products = new InMemoryProducts();
  tariffs = new InMemoryTariffs();
  customerPrices = new InMemoryCustomerPrices();
  resolve = resolveLines({ products, tariffs, customerPrices });
  for (const id of ['prd_a', 'prd_b', 'prd_c']) await products.create(product(id));
  await tariffs.create({
    id: 'trf_1',
    tenantId: T,
    name: 'Wholesale',
    prices: [
      { productId: 'prd_a', unitPrice: '80.00' },
      { productId: 'prd_b', unitPrice: '85.00' },
    ],
    version: 1,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
  });
  await customerPrices.put({
    tenantId: T,
    customerId: 'cus_1',
    prices: [{ productId: 'prd_a', unitPrice: '70.00' }],
  });
});

describe('resolveLines', () => {
  it('prices a line: its own price > the customer price > the tariff price > the catalog price', async () => {
    // Act
    const lines = await resolve(T, withTariff, [
      { productId: 'prd_a', quantity: '1' },
      { productId: 'prd_b', quantity: '1' },
      { productId: 'prd_c', quantity: '1' },
      { productId: 'prd_a', quantity: '1', unitPrice: '65.50' },
    ]);
    // Assess
    expect(lines.map((l) => l.unitPrice)).toEqual(['70.00', '85.00', '100.00', '65.50']);
  });

  it('uses the catalog price for a customer with no tariff and no prices of its own', async () => {
    const lines = await resolve(T, aCustomerOf(T, { id: 'cus_2' }), [
      { productId: 'prd_a', quantity: '2' },
    ]);
    expect(lines[0]!.unitPrice).toBe('100.00');
    expect(tariffs.reads).toBe(0);
  });

  it('ignores a deleted tariff: the catalog price applies again', async () => {
    const t = (await tariffs.get(T, 'trf_1'))!;
    await tariffs.update({ ...t, version: 2, deletedAt: '2026-11-02T00:00:00.000Z' });
    const lines = await resolve(T, aCustomerOf(T, { id: 'cus_2', tariffId: 'trf_1' }), [
      { productId: 'prd_b', quantity: '1' },
    ]);
    expect(lines[0]!.unitPrice).toBe('100.00');
  });

  it('takes description, unit and taxes from the product unless the line gives them', async () => {
    const taxes: LineTax[] = [{ type: 'IVA', rate: '10' }];
    const [fromCatalog, own] = await resolve(T, withTariff, [
      { productId: 'prd_c', quantity: '3', discountRate: '10' },
      { productId: 'prd_c', quantity: '1', description: 'Special', unit: 'kg', taxes },
    ]);
    expect(fromCatalog).toEqual({
      description: 'Product prd_c',
      quantity: '3',
      unitPrice: '100.00',
      discountRate: '10',
      productId: 'prd_c',
      unit: 'h',
      taxes: iva21,
    });
    expect(own).toMatchObject({ description: 'Special', unit: 'kg', taxes, productId: 'prd_c' });
  });

  it('passes complete free-text lines through and the tax engine accepts the result', async () => {
    const lines = await resolve(T, withTariff, [
      { description: 'Travel', quantity: '1', unitPrice: '30', taxes: iva21 },
      { productId: 'prd_a', quantity: '2' },
    ]);
    expect(lines[0]).toEqual({
      description: 'Travel',
      quantity: '1',
      unitPrice: '30',
      taxes: iva21,
    });
    expect(computeInvoice(lines).totals).toEqual({
      net: '170.00',
      tax: '35.70',
      withheld: '0.00',
      total: '205.70',
    });
  });

  it('reads each product once, however many lines name it, and prices only when needed', async () => {
    await resolve(T, withTariff, [
      { productId: 'prd_a', quantity: '1', unitPrice: '1' },
      { productId: 'prd_b', quantity: '1', unitPrice: '1' },
      { productId: 'prd_a', quantity: '1', unitPrice: '1' },
    ]);
    expect(products.batches).toEqual([['prd_a', 'prd_b']]);
    // Every line has its own price, so neither the customer's prices nor the tariff are read.
    expect(customerPrices.reads).toBe(0);
    expect(tariffs.reads).toBe(0);
  });

  it('reads nothing for free-text lines only', async () => {
    await resolve(T, withTariff, [
      { description: 'Travel', quantity: '1', unitPrice: '30', taxes: iva21 },
    ]);
    expect(products.batches).toEqual([]);
    expect(customerPrices.reads + tariffs.reads).toBe(0);
  });

  it('names every unknown, deleted or foreign product and every missing field at once', async () => {
    const p = (await products.get(T, 'prd_b'))!;
    await products.update({ ...p, version: 2, deletedAt: '2026-11-02T00:00:00.000Z' }, p);
    await products.create(product('prd_other', { tenantId: 'ten_2' }));
    const error = await resolve(T, withTariff, [
      { productId: 'prd_a', quantity: '1' },
      { productId: 'prd_nope', quantity: '1' },
      { productId: 'prd_b', quantity: '1' },
      { productId: 'prd_other', quantity: '1' },
      { quantity: '1' },
      { quantity: '1', description: 'Free text', taxes: iva21 },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      { path: 'lines.1.productId', message: 'No product prd_nope' },
      { path: 'lines.2.productId', message: 'No product prd_b' },
      { path: 'lines.3.productId', message: 'No product prd_other' },
      { path: 'lines.4.description', message: 'Give a description or a productId' },
      { path: 'lines.4.unitPrice', message: 'Give a unitPrice or a productId' },
      { path: 'lines.4.taxes', message: 'Give the taxes or a productId' },
      { path: 'lines.5.unitPrice', message: 'Give a unitPrice or a productId' },
    ]);
  });

  it('refuses a catalog line naming a product even when the line gives everything else', async () => {
    await expect(
      resolve(T, withTariff, [
        { productId: 'prd_gone', quantity: '1', unitPrice: '1', description: 'x', taxes: iva21 },
      ]),
    ).rejects.toMatchObject({ errors: [{ path: 'lines.0.productId' }] });
  });
});
