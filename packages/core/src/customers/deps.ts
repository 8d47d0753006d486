import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { CustomerRepository } from './customer.ts';

export interface CustomerDeps {
  customers: CustomerRepository;
  clock: Clock;
  ids: IdGenerator;
}
