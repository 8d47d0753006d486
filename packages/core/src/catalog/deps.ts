import type { CustomerRepository } from '../customers/customer.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { CustomerPricesRepository } from './customer-prices.ts';
import type { ProductRepository } from './product.ts';
import type { TariffRepository } from './tariff.ts';

export interface CatalogDeps {
  products: ProductRepository;
  tariffs: TariffRepository;
  customerPrices: CustomerPricesRepository;
  customers: CustomerRepository;
  clock: Clock;
  ids: IdGenerator;
}
