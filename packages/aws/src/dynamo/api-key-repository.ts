import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord, ApiKeyRepository, Page, PageRequest } from '@sello/core';
import { queryIndexItem, queryIndexPage } from './cursor.ts';
import { keys, withoutKeys } from './keys.ts';

export const apiKeyItem = (k: ApiKeyRecord) => ({
  ...keys.apiKey(k.hash),
  ...keys.apiKeyOfTenant(k.tenantId, k.id),
  type: 'apiKey',
  ...k,
});

const toRecord = (item: Record<string, unknown>): ApiKeyRecord => {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as ApiKeyRecord;
};

export class DynamoApiKeyRepository implements ApiKeyRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(key: ApiKeyRecord): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: apiKeyItem(key),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findByHash(hash: string): Promise<ApiKeyRecord | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.apiKey(hash) }),
    );
    return Item ? toRecord(Item) : undefined;
  }

  list(tenantId: string, page: PageRequest): Promise<Page<ApiKeyRecord>> {
    const { gsi1pk } = keys.apiKeyOfTenant(tenantId, '');
    return queryIndexPage(this.db, { table: this.table, partition: { gsi1pk } }, page, toRecord);
  }

  async get(tenantId: string, id: string): Promise<ApiKeyRecord | undefined> {
    const item = await queryIndexItem(this.db, {
      table: this.table,
      key: keys.apiKeyOfTenant(tenantId, id),
    });
    return item ? toRecord(item) : undefined;
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
