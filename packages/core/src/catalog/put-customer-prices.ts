import { getCustomer } from '../customers/get-customer.ts';
import type { CustomerPrices } from './customer-prices.ts';
import type { CatalogDeps } from './deps.ts';
import { checkPrices } from './prices.ts';
import type { PriceEntry } from './tariff.ts';

/** Replaces the customer's whole price set; an empty list removes them all. */
export const putCustomerPrices =
  (deps: Pick<CatalogDeps, 'customers' | 'products' | 'customerPrices' | 'clock'>) =>
  async (
    tenantId: string,
    customerId: string,
    input: { prices: PriceEntry[] },
  ): Promise<CustomerPrices> => {
    await getCustomer(deps)(tenantId, customerId);
    const next: CustomerPrices = {
      tenantId,
      customerId,
      prices: await checkPrices(deps.products, tenantId, input.prices),
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.customerPrices.put(next);
    return next;
  };
