import type { CustomerPrices, CustomerPricesRepository } from '../src/catalog/customer-prices.ts';
import type { Product, ProductRepository } from '../src/catalog/product.ts';
import type { Tariff, TariffRepository } from '../src/catalog/tariff.ts';
import type { Customer } from '../src/customers/customer.ts';
import { ConflictError, PreconditionFailedError } from '../src/errors.ts';
import type { Page, PageRequest } from '../src/shared/page.ts';

/**
 * In-memory ports for unit tests (not exported from the package). They keep the adapters'
 * contracts that the use cases rely on: code uniqueness among live products, versioned updates.
 */
const keyOf = (tenantId: string, id: string) => `${tenantId}/${id}`;

const page = <T extends { id: string; deletedAt?: string }>(
  all: T[],
  req: PageRequest,
): Page<T> => {
  const live = all.filter((x) => !x.deletedAt);
  const start = req.cursor ? Number(req.cursor) : 0;
  const items = live.slice(start, start + req.limit);
  const next = start + req.limit < live.length ? String(start + req.limit) : undefined;
  return { items, ...(next ? { nextCursor: next } : {}) };
};

export class InMemoryProducts implements ProductRepository {
  readonly items = new Map<string, Product>();
  /** Every id list `getMany` was asked for, to check products are read once. */
  readonly batches: string[][] = [];

  async create(p: Product) {
    const taken = [...this.items.values()].some(
      (o) => o.tenantId === p.tenantId && o.code === p.code && !o.deletedAt,
    );
    if (taken || this.items.has(keyOf(p.tenantId, p.id))) throw new ConflictError('taken');
    this.items.set(keyOf(p.tenantId, p.id), structuredClone(p));
  }
  async get(tenantId: string, id: string) {
    const p = this.items.get(keyOf(tenantId, id));
    return p && structuredClone(p);
  }
  async getMany(tenantId: string, ids: readonly string[]) {
    this.batches.push([...ids]);
    return ids.flatMap((id) => {
      const p = this.items.get(keyOf(tenantId, id));
      return p ? [structuredClone(p)] : [];
    });
  }
  async list(tenantId: string, req: PageRequest) {
    return page(
      [...this.items.values()].filter((p) => p.tenantId === tenantId),
      req,
    );
  }
  async update(next: Product, previous: Product) {
    const stored = this.items.get(keyOf(next.tenantId, next.id));
    if (!stored || stored.version !== previous.version) throw new PreconditionFailedError('stale');
    const taken = [...this.items.values()].some(
      (o) =>
        o.tenantId === next.tenantId && o.code === next.code && o.id !== next.id && !o.deletedAt,
    );
    if (!next.deletedAt && taken) throw new ConflictError('taken');
    this.items.set(keyOf(next.tenantId, next.id), structuredClone(next));
  }
}

export class InMemoryTariffs implements TariffRepository {
  readonly items = new Map<string, Tariff>();
  reads = 0;

  async create(t: Tariff) {
    this.items.set(keyOf(t.tenantId, t.id), structuredClone(t));
  }
  async get(tenantId: string, id: string) {
    this.reads++;
    const t = this.items.get(keyOf(tenantId, id));
    return t && structuredClone(t);
  }
  async list(tenantId: string, req: PageRequest) {
    return page(
      [...this.items.values()].filter((t) => t.tenantId === tenantId),
      req,
    );
  }
  async update(next: Tariff) {
    const stored = this.items.get(keyOf(next.tenantId, next.id));
    if (!stored || stored.version !== next.version - 1) throw new PreconditionFailedError('stale');
    this.items.set(keyOf(next.tenantId, next.id), structuredClone(next));
  }
}

export class InMemoryCustomerPrices implements CustomerPricesRepository {
  readonly items = new Map<string, CustomerPrices>();
  reads = 0;

  async get(tenantId: string, customerId: string) {
    this.reads++;
    const c = this.items.get(keyOf(tenantId, customerId));
    return c && structuredClone(c);
  }
  async put(prices: CustomerPrices) {
    this.items.set(keyOf(prices.tenantId, prices.customerId), structuredClone(prices));
  }
}

export const fixedClock = { now: () => new Date('2026-11-23T10:00:00.000Z') };

export const sequentialIds = () => {
  let n = 0;
  return { next: (prefix: string) => `${prefix}_${String(++n).padStart(26, '0')}` };
};

export const aCustomerOf = (tenantId: string, overrides: Partial<Customer> = {}): Customer => ({
  id: 'cus_1',
  tenantId,
  taxId: '12345678Z',
  taxIdKind: 'ES_NIF',
  personType: 'individual',
  name: 'Ana García Pérez',
  language: 'es',
  address: { line1: 'Calle Sierpes 12', city: 'Sevilla', postalCode: '41004', country: 'ES' },
  version: 1,
  createdAt: '2026-11-01T00:00:00.000Z',
  updatedAt: '2026-11-01T00:00:00.000Z',
  ...overrides,
});
