import { describe, expect, it } from 'vitest';
import { fixedClock, InMemoryTariffs, sequentialIds } from '../../testing/catalog.ts';
import { createCustomer } from '../customers/create-customer.ts';
import type { Customer } from '../customers/customer.ts';
import { updateCustomer } from '../customers/update-customer.ts';
import { ValidationError } from '../errors.ts';

const T = 'ten_1';

async function setUp() {
  const stored = new Map<string, Customer>();
  const customers = {
    create: async (c: Customer) => void stored.set(c.id, c),
    get: async (_t: string, id: string) => stored.get(id),
    list: async () => ({ items: [] }),
    update: async (c: Customer) => void stored.set(c.id, c),
  };
  const tariffs = new InMemoryTariffs();
  for (const [id, deletedAt] of [
    ['trf_live', undefined],
    ['trf_gone', '2026-11-01T00:00:00.000Z'],
  ] as const) {
    await tariffs.create({
      id,
      tenantId: T,
      name: id,
      prices: [],
      version: 1,
      createdAt: '',
      updatedAt: '',
      ...(deletedAt ? { deletedAt } : {}),
    });
  }
  const deps = { customers, tariffs, clock: fixedClock, ids: sequentialIds() };
  return { create: createCustomer(deps), update: updateCustomer(deps) };
}

const input = {
  taxId: '12345678Z',
  name: 'Ana',
  address: { line1: 'Calle 1', city: 'Sevilla', postalCode: '41004', country: 'ES' },
};

describe("a customer's tariff", () => {
  it('must be a live tariff of the tenant, on create and on update', async () => {
    const { create, update } = await setUp();
    const c = await create(T, { ...input, tariffId: 'trf_live' });
    expect(c.tariffId).toBe('trf_live');
    for (const tariffId of ['trf_nope', 'trf_gone']) {
      const error = await create(T, { ...input, tariffId }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ValidationError);
      expect((error as ValidationError).errors).toEqual([
        { path: 'tariffId', message: `No tariff ${tariffId}` },
      ]);
      await expect(update(T, c.id, { tariffId })).rejects.toMatchObject({
        errors: [{ path: 'tariffId' }],
      });
    }
    await expect(update(T, c.id, { tariffId: null })).resolves.not.toHaveProperty('tariffId');
  });

  it('is not checked when no tariff port is wired (older callers)', async () => {
    const customers = {
      create: async () => {},
      get: async () => undefined,
      list: async () => ({ items: [] }),
      update: async () => {},
    };
    const c = await createCustomer({ customers, clock: fixedClock, ids: sequentialIds() })(T, {
      ...input,
      tariffId: 'trf_any',
    });
    expect(c.tariffId).toBe('trf_any');
  });
});
