import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { ApiKeyRecord, ApiKeyRepository, Page, PageRequest } from '@sello/core';
import { decodeCursor, encodeCursor } from './cursor.ts';
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

  async list(tenantId: string, page: PageRequest): Promise<Page<ApiKeyRecord>> {
    const { gsi1pk } = keys.apiKeyOfTenant(tenantId, '');
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { gsi1pk }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return { items: (out.Items ?? []).map(toRecord), ...(nextCursor ? { nextCursor } : {}) };
  }

  async get(tenantId: string, id: string): Promise<ApiKeyRecord | undefined> {
    const index = keys.apiKeyOfTenant(tenantId, id);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk AND gsi1sk = :sk',
        ExpressionAttributeValues: { ':pk': index.gsi1pk, ':sk': index.gsi1sk },
      }),
    );
    const item = out.Items?.[0];
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
