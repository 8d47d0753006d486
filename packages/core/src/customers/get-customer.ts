import { NotFoundError } from '../errors.ts';
import type { Customer } from './customer.ts';
import type { CustomerDeps } from './deps.ts';

export const getCustomer =
  ({ customers }: Pick<CustomerDeps, 'customers'>) =>
  async (tenantId: string, id: string): Promise<Customer> => {
    const customer = await customers.get(tenantId, id);
    if (!customer || customer.deletedAt) throw new NotFoundError('Customer', id);
    return customer;
  };
