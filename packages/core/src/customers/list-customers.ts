import type { Page, PageRequest } from '../shared/page.ts';
import type { Customer } from './customer.ts';
import type { CustomerDeps } from './deps.ts';

export const listCustomers =
  ({ customers }: Pick<CustomerDeps, 'customers'>) =>
  (tenantId: string, request: PageRequest & { taxId?: string }): Promise<Page<Customer>> =>
    customers.list(tenantId, {
      ...request,
      // Filter by the normalised form, as stored.
      ...(request.taxId ? { taxId: request.taxId.toUpperCase().replace(/[\s.\-/]/g, '') } : {}),
    });
