import type { Customer, CustomerRepository } from '@sello/core/customers';
import type { Page } from '@sello/core/shared';
import { keys } from './keys.ts';
import {
  fromItem,
  getItem,
  ListFilter,
  type PageQuery,
  prefixQuery,
  putNew,
  putNextVersion,
  queryPage,
  TableAdapter,
} from './toolkit/index.ts';

const toCustomer = (item: Record<string, unknown>) => fromItem<Customer>(item);

export class DynamoCustomerRepository extends TableAdapter implements CustomerRepository {
  private item(c: Customer) {
    return {
      ...keys.customer(c.tenantId, c.id),
      ...keys.customerByTaxId(c.tenantId, c.taxId, c.id),
      // Across tenants, for the customer portal: which tenants a tax id buys from.
      ...keys.customerAcrossTenants(c.taxId, c.tenantId, c.id),
      type: 'customer',
      ...c,
    };
  }

  async create(customer: Customer): Promise<void> {
    await putNew(
      this.db,
      this.table,
      this.item(customer),
      `Customer ${customer.id} already exists`,
    );
  }

  async get(tenantId: string, id: string): Promise<Customer | undefined> {
    const item = await getItem(this.db, this.table, keys.customer(tenantId, id));
    return item && toCustomer(item);
  }

  /** Live customers, oldest first, or those with one tax id (by index). */
  list(
    tenantId: string,
    page: { limit: number; cursor?: string; taxId?: string },
  ): Promise<Page<Customer>> {
    const prefix = keys.customerPrefix(tenantId);
    const filter = new ListFilter().absent('deletedAt');
    const query: PageQuery = page.taxId
      ? {
          table: this.table,
          partition: { gsi1pk: keys.customerByTaxId(tenantId, page.taxId, '').gsi1pk },
          alsoInCursor: { pk: prefix.pk },
          filter,
        }
      : prefixQuery(this.table, prefix, { filter });
    return queryPage(this.db, query, page, toCustomer);
  }

  async update(next: Customer): Promise<void> {
    await putNextVersion(this.db, this.table, this.item(next), `Customer ${next.id}`);
  }
}
