import type { CustomerRepository } from '../customers/customer.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { TenantRepository } from '../tenants/tenant.ts';
import type { CustomerPricesRepository } from './customer-prices.ts';
import type { ProductRepository } from './product.ts';
import type { TariffRepository } from './tariff.ts';

export interface CatalogDeps {
  products: ProductRepository;
  tariffs: TariffRepository;
  customerPrices: CustomerPricesRepository;
  customers: CustomerRepository;
  /** Whose tax rules a product's taxes follow (Spain's when absent). */
  tenants?: Pick<TenantRepository, 'get'>;
  clock: Clock;
  ids: IdGenerator;
}
