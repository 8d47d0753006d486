import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { type ApiKeyRecord, ConflictError, type Tenant, type TenantRepository } from '@sello/core';
import { apiKeyItem } from './api-key-repository.ts';
import { keys, withoutKeys } from './keys.ts';

export class DynamoTenantRepository implements TenantRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(tenant: Tenant, firstKey: ApiKeyRecord): Promise<void> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...keys.tenant(tenant.id), type: 'tenant', ...tenant },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Put: {
                TableName: this.table,
                Item: apiKeyItem(firstKey),
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
          ],
        }),
      );
    } catch (e) {
      if (e instanceof TransactionCanceledException) {
        throw new ConflictError(`Tenant ${tenant.id} already exists`);
      }
      throw e;
    }
  }

  async get(id: string): Promise<Tenant | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.tenant(id) }),
    );
    if (!Item) return undefined;
    const { type: _type, ...tenant } = withoutKeys(Item);
    return tenant as unknown as Tenant;
  }
}
