import type { Page, PageRequest } from '../shared/page.ts';

/** A price for one product, as tariffs and customer prices hold them. */
export interface PriceEntry {
  productId: string;
  unitPrice: string;
}

/** A named price list; customers that name it get its prices over the catalog's. */
export interface Tariff {
  id: string;
  tenantId: string;
  name: string;
  /** At most one entry per product, sorted by product id; products not listed keep their price. */
  prices: PriceEntry[];
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Soft delete: customers still naming it fall back to the catalog price. */
  deletedAt?: string;
}

export interface TariffInput {
  name: string;
  prices: PriceEntry[];
}

export type TariffPatch = Partial<TariffInput>;

export interface TariffRepository {
  /** Fails if the id exists. */
  create(tariff: Tariff): Promise<void>;
  /** Returns soft-deleted tariffs too; callers decide. */
  get(tenantId: string, id: string): Promise<Tariff | undefined>;
  /** Live tariffs only, oldest first. */
  list(tenantId: string, page: PageRequest): Promise<Page<Tariff>>;
  /** Writes `next` only if the stored version is still `next.version - 1`; else PreconditionFailedError. */
  update(next: Tariff): Promise<void>;
}

export function tariffView(t: Tariff) {
  return {
    id: t.id,
    name: t.name,
    prices: t.prices.map(priceView),
    version: t.version,
    createdAt: t.createdAt,
    updatedAt: t.updatedAt,
  };
}

export const priceView = (p: PriceEntry): PriceEntry => ({
  productId: p.productId,
  unitPrice: p.unitPrice,
});
