import { getCustomer } from '../customers/get-customer.ts';
import type { CustomerPrices } from './customer-prices.ts';
import type { CatalogDeps } from './deps.ts';

export const getCustomerPrices =
  (deps: Pick<CatalogDeps, 'customers' | 'customerPrices'>) =>
  async (tenantId: string, customerId: string): Promise<CustomerPrices> => {
    await getCustomer(deps)(tenantId, customerId);
    return (
      (await deps.customerPrices.get(tenantId, customerId)) ?? { tenantId, customerId, prices: [] }
    );
  };
