import { ConflictError } from '@sello/core/errors';
import type { ApiKeyRecord, Tenant, TenantRepository } from '@sello/core/tenants';
import { apiKeyItem } from './api-key-repository.ts';
import { keys } from './keys.ts';
import { absent, fromItem, getItem, TableAdapter, transactWrite } from './toolkit/index.ts';

export class DynamoTenantRepository extends TableAdapter implements TenantRepository {
  async create(tenant: Tenant, firstKey: ApiKeyRecord): Promise<void> {
    const tenantItem = { ...keys.tenant(tenant.id), type: 'tenant', ...tenant };
    await transactWrite(
      this.db,
      [
        { Put: { TableName: this.table, Item: tenantItem, ...absent } },
        { Put: { TableName: this.table, Item: apiKeyItem(firstKey), ...absent } },
      ],
      () => new ConflictError(`Tenant ${tenant.id} already exists`),
    );
  }

  async get(id: string): Promise<Tenant | undefined> {
    const item = await getItem(this.db, this.table, keys.tenant(id));
    return item && fromItem<Tenant>(item);
  }
}
