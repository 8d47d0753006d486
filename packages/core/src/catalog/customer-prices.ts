import { type PriceEntry, priceView } from './tariff.ts';

/** A customer's own prices: they win over its tariff and the catalog. */
export interface CustomerPrices {
  tenantId: string;
  customerId: string;
  /** At most one entry per product, sorted by product id. */
  prices: PriceEntry[];
  /** Absent until the first PUT. */
  updatedAt?: string;
}

export interface CustomerPricesRepository {
  /** The stored set, or undefined when the customer never had prices. */
  get(tenantId: string, customerId: string): Promise<CustomerPrices | undefined>;
  /** Replaces the whole set. */
  put(prices: CustomerPrices): Promise<void>;
}

export function customerPricesView(c: CustomerPrices) {
  return {
    customerId: c.customerId,
    prices: c.prices.map(priceView),
    ...(c.updatedAt ? { updatedAt: c.updatedAt } : {}),
  };
}
