import { beforeEach, describe, expect, it } from 'vitest';
import {
  aCustomerOf,
  fixedClock,
  InMemoryCustomerPrices,
  InMemoryProducts,
  InMemoryTariffs,
  sequentialIds,
} from '../../testing/catalog.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { createTariff } from './create-tariff.ts';
import { deleteTariff } from './delete-tariff.ts';
import { getCustomerPrices } from './get-customer-prices.ts';
import { getTariff } from './get-tariff.ts';
import { checkPrices } from './prices.ts';
import { putCustomerPrices } from './put-customer-prices.ts';
import { updateTariff } from './update-tariff.ts';

const T = 'ten_1';
let products: InMemoryProducts;
let tariffs: InMemoryTariffs;
let customerPrices: InMemoryCustomerPrices;
const customer = aCustomerOf(T);
const customers = {
  create: async () => {},
  get: async (tenantId: string, id: string) =>
    tenantId === T && id === customer.id ? customer : undefined,
  list: async () => ({ items: [] }),
  update: async () => {},
};

beforeEach(async () => {
  products = new InMemoryProducts();
  tariffs = new InMemoryTariffs();
  customerPrices = new InMemoryCustomerPrices();
  for (const id of ['prd_b', 'prd_a', 'prd_gone']) {
    await products.create({
      id,
      tenantId: T,
      code: id,
      description: id,
      unitPrice: '10',
      taxes: [{ type: 'IVA', rate: '21' }],
      version: 1,
      createdAt: '',
      updatedAt: '',
      ...(id === 'prd_gone' ? { deletedAt: '2026-11-01T00:00:00.000Z' } : {}),
    });
  }
});

describe('price lists', () => {
  it('sorts by product id and names duplicates, unknown and deleted products', async () => {
    await expect(
      checkPrices(products, T, [
        { productId: 'prd_b', unitPrice: '2' },
        { productId: 'prd_a', unitPrice: '1' },
      ]),
    ).resolves.toEqual([
      { productId: 'prd_a', unitPrice: '1' },
      { productId: 'prd_b', unitPrice: '2' },
    ]);
    const error = await checkPrices(products, T, [
      { productId: 'prd_a', unitPrice: '1' },
      { productId: 'prd_x', unitPrice: '1' },
      { productId: 'prd_a', unitPrice: '2' },
      { productId: 'prd_gone', unitPrice: '2' },
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      { path: 'prices.1.productId', message: 'No product prd_x' },
      { path: 'prices.2.productId', message: 'prd_a already has a price at prices.0' },
      { path: 'prices.3.productId', message: 'No product prd_gone' },
    ]);
  });

  it('creates, replaces and soft-deletes tariffs', async () => {
    const deps = { tariffs, products, clock: fixedClock, ids: sequentialIds() };
    const t = await createTariff(deps)(T, {
      name: 'Wholesale',
      prices: [{ productId: 'prd_b', unitPrice: '8' }],
    });
    expect(t).toMatchObject({ id: 'trf_00000000000000000000000001', version: 1 });
    const next = await updateTariff(deps)(T, t.id, {
      prices: [{ productId: 'prd_a', unitPrice: '7' }],
    });
    expect(next).toMatchObject({ name: 'Wholesale', version: 2 });
    expect(next.prices).toEqual([{ productId: 'prd_a', unitPrice: '7' }]);
    await expect(
      updateTariff(deps)(T, t.id, { prices: [{ productId: 'prd_x', unitPrice: '7' }] }),
    ).rejects.toMatchObject({ errors: [{ path: 'prices.0.productId' }] });
    await deleteTariff(deps)(T, t.id);
    await expect(getTariff(deps)(T, t.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("replaces a customer's whole price set and reads it back; unknown customers are 404", async () => {
    const deps = { customers, products, customerPrices, clock: fixedClock };
    expect(await getCustomerPrices(deps)(T, customer.id)).toEqual({
      tenantId: T,
      customerId: customer.id,
      prices: [],
    });
    await putCustomerPrices(deps)(T, customer.id, {
      prices: [{ productId: 'prd_a', unitPrice: '1' }],
    });
    await putCustomerPrices(deps)(T, customer.id, {
      prices: [{ productId: 'prd_b', unitPrice: '2' }],
    });
    expect(await getCustomerPrices(deps)(T, customer.id)).toEqual({
      tenantId: T,
      customerId: customer.id,
      prices: [{ productId: 'prd_b', unitPrice: '2' }],
      updatedAt: '2026-11-23T10:00:00.000Z',
    });
    await expect(putCustomerPrices(deps)(T, 'cus_x', { prices: [] })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(getCustomerPrices(deps)('ten_2', customer.id)).rejects.toBeInstanceOf(
      NotFoundError,
    );
  });
});
