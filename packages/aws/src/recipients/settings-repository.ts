import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { PreconditionFailedError, type SettingsRepository, type TenantSettings } from '@sello/core';
import { keys, withoutKeys } from '../dynamo/keys.ts';

/** One item per tenant, replaced whole on each change under an optimistic version check. */
export class DynamoSettingsRepository implements SettingsRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async get(tenantId: string): Promise<TenantSettings | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.tenantSettings(tenantId) }),
    );
    if (!Item) return undefined;
    const { type: _type, ...settings } = withoutKeys(Item);
    return settings as unknown as TenantSettings;
  }

  async save(next: TenantSettings): Promise<void> {
    const first = next.version === 1;
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.tenantSettings(next.tenantId), type: 'settings', ...next },
          ConditionExpression: first ? 'attribute_not_exists(pk)' : 'version = :previous',
          ...(first ? {} : { ExpressionAttributeValues: { ':previous': next.version - 1 } }),
        }),
      );
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) {
        throw new PreconditionFailedError(
          'The settings were changed by another request; read them again',
        );
      }
      throw e;
    }
  }
}
