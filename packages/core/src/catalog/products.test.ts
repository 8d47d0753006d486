import { beforeEach, describe, expect, it } from 'vitest';
import { fixedClock, InMemoryProducts, sequentialIds } from '../../testing/catalog.ts';
import {
  ConflictError,
  NotFoundError,
  PreconditionFailedError,
  ValidationError,
} from '../errors.ts';
import { createProduct } from './create-product.ts';
import { deleteProduct } from './delete-product.ts';
import { getProduct } from './get-product.ts';
import { listProducts } from './list-products.ts';
import { productView } from './product.ts';
import { updateProduct } from './update-product.ts';

const T = 'ten_1';
const input = {
  code: 'SKU-1',
  description: 'Consulting hour',
  unitPrice: '60.00',
  unit: 'h',
  taxes: [{ type: 'IVA' as const, rate: '21' }],
};
let products: InMemoryProducts;
let deps: {
  products: InMemoryProducts;
  clock: typeof fixedClock;
  ids: ReturnType<typeof sequentialIds>;
};

beforeEach(() => {
  products = new InMemoryProducts();
  deps = { products, clock: fixedClock, ids: sequentialIds() };
});

describe('products', () => {
  it('creates a product with a prd_ id at version 1, and shows no internal fields', async () => {
    const p = await createProduct(deps)(T, input);
    expect(p).toMatchObject({ id: 'prd_00000000000000000000000001', tenantId: T, version: 1 });
    expect(productView(p)).toEqual({
      id: p.id,
      ...input,
      version: 1,
      createdAt: '2026-11-23T10:00:00.000Z',
      updatedAt: '2026-11-23T10:00:00.000Z',
    });
  });

  it('refuses taxes an invoice line would refuse, naming each fault under `taxes`', async () => {
    const error = await createProduct(deps)(T, {
      ...input,
      taxes: [
        { type: 'IVA', rate: '22' },
        { type: 'RE', rate: '5.2' },
      ],
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).errors).toEqual([
      { path: 'taxes.0.rate', message: 'IVA rate must be one of 21, 10, 5, 4, 0' },
      { path: 'taxes.1.rate', message: 'IVA 22 has no recargo de equivalencia' },
    ]);
    const none = await createProduct(deps)(T, {
      ...input,
      taxes: [{ type: 'IRPF', rate: '15' }],
    }).catch((e: ValidationError) => e.errors);
    expect(none).toEqual([
      {
        path: 'taxes',
        message: 'Each line carries exactly one IVA or IGIC (use rate 0 with a reason when exempt)',
      },
    ]);
    expect(products.items.size).toBe(0);
  });

  it('updates given fields, checks If-Match, re-checks taxes and clears the unit on ""', async () => {
    const p = await createProduct(deps)(T, input);
    const update = updateProduct(deps);
    await expect(update(T, p.id, { unitPrice: '1' }, 7)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
    await expect(update(T, p.id, { taxes: [{ type: 'IGIC', rate: '21' }] })).rejects.toMatchObject({
      errors: [{ path: 'taxes.0.rate' }],
    });
    const next = await update(T, p.id, { unitPrice: '65.00', unit: '' }, 1);
    expect(next).toMatchObject({ unitPrice: '65.00', code: 'SKU-1', version: 2 });
    expect(next).not.toHaveProperty('unit');
  });

  it('soft-deletes: reads say 404, the code is free again, storage keeps it', async () => {
    const p = await createProduct(deps)(T, input);
    await deleteProduct(deps)(T, p.id);
    await expect(getProduct(deps)(T, p.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteProduct(deps)(T, p.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await listProducts(deps)(T, { limit: 10 })).items).toEqual([]);
    expect((await products.get(T, p.id))?.deletedAt).toBe('2026-11-23T10:00:00.000Z');
    await expect(createProduct(deps)(T, input)).resolves.toMatchObject({ code: 'SKU-1' });
    await expect(createProduct(deps)(T, input)).rejects.toBeInstanceOf(ConflictError);
  });
});
