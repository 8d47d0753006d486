import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '@sello/core/errors';
import type {
  ApiKeyRecord,
  TaxIdProof,
  TaxIdProofRepository,
  Tenant,
  TenantRepository,
} from '@sello/core/tenants';
import { apiKeyItem } from './api-key-repository.ts';
import { keys } from './keys.ts';
import {
  absent,
  fromItem,
  getItem,
  TableAdapter,
  transactWrite,
  written,
} from './toolkit/index.ts';

export class DynamoTenantRepository
  extends TableAdapter
  implements TenantRepository, TaxIdProofRepository
{
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

  async recordTaxIdProof(tenantId: string, proof: TaxIdProof): Promise<void> {
    // The first proof stands: a later one (a second certificate) finds the condition false.
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.tenant(tenantId),
          UpdateExpression: 'SET taxIdProof = :proof',
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(taxIdProof)',
          ExpressionAttributeValues: { ':proof': proof },
        }),
      ),
    );
  }
}
