import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '@sello/core/shared';
import type { ApiKeyRecord, ApiKeyRepository } from '@sello/core/tenants';
import { keys } from './keys.ts';
import {
  fromItem,
  getItem,
  putNew,
  queryIndexItem,
  queryPage,
  TableAdapter,
} from './toolkit/index.ts';

export const apiKeyItem = (k: ApiKeyRecord) => ({
  ...keys.apiKey(k.hash),
  ...keys.apiKeyOfTenant(k.tenantId, k.id),
  type: 'apiKey',
  ...k,
});

const toRecord = (item: Record<string, unknown>) => fromItem<ApiKeyRecord>(item);

export class DynamoApiKeyRepository extends TableAdapter implements ApiKeyRepository {
  async create(key: ApiKeyRecord): Promise<void> {
    await putNew(this.db, this.table, apiKeyItem(key));
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const item = await getItem(this.db, this.table, keys.apiKey(hash));
    return item && toRecord(item);
  }

  list(tenantId: string, page: PageRequest): Promise<Page<ApiKeyRecord>> {
    const { gsi1pk } = keys.apiKeyOfTenant(tenantId, '');
    return queryPage(this.db, { table: this.table, partition: { gsi1pk } }, page, toRecord);
  }

  async get(tenantId: string, id: string): Promise<ApiKeyRecord | undefined> {
    const item = await queryIndexItem(this.db, this.table, keys.apiKeyOfTenant(tenantId, id));
    return item && toRecord(item);
  }

  async revoke(key: ApiKeyRecord, at: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.apiKey(key.hash),
        UpdateExpression: 'SET revokedAt = :at',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':at': at },
      }),
    );
  }
}
