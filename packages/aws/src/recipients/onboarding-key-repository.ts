import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  ConflictError,
  type OnboardingKey,
  type OnboardingKeyRepository,
  type Page,
  type PageRequest,
} from '@sello/core';
import { queryIndexItem, queryIndexPage } from '../dynamo/cursor.ts';
import { keys, withoutKeys } from '../dynamo/keys.ts';

/** Spent and expired keys stay listed this long after their expiry, then DynamoDB deletes them. */
const KEEP_AFTER_EXPIRY_SECONDS = 90 * 86_400;

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * The domain's `expiresAt` (ISO) is stored as `validUntil`: the table's `expiresAt` is the TTL
 * attribute (epoch seconds), which comes later so used keys can still be shown for a while.
 */
export function onboardingKeyItem(k: OnboardingKey) {
  const { expiresAt, ...rest } = k;
  return {
    ...keys.onboardingKey(k.hash),
    ...(k.kind === 'issuer' ? keys.issuerKeyOfTenant(k.tenantId, k.id) : {}),
    type: 'onboardingKey',
    ...rest,
    validUntil: expiresAt,
    expiresAt: epoch(expiresAt) + KEEP_AFTER_EXPIRY_SECONDS,
  };
}

const toKey = (item: Record<string, unknown>): OnboardingKey => {
  const { type: _type, validUntil, ...rest } = withoutKeys(item);
  return { ...rest, expiresAt: validUntil } as unknown as OnboardingKey;
};

export class DynamoOnboardingKeyRepository implements OnboardingKeyRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(key: OnboardingKey): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: onboardingKeyItem(key),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async findByHash(hash: string): Promise<OnboardingKey | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.onboardingKey(hash),
        ConsistentRead: true,
      }),
    );
    return Item ? toKey(Item) : undefined;
  }

  listIssuerKeys(tenantId: string, page: PageRequest): Promise<Page<OnboardingKey>> {
    const { gsi1pk } = keys.issuerKeyOfTenant(tenantId, '');
    return queryIndexPage(this.db, { table: this.table, partition: { gsi1pk } }, page, toKey);
  }

  async getIssuerKey(tenantId: string, id: string): Promise<OnboardingKey | undefined> {
    const item = await queryIndexItem(this.db, {
      table: this.table,
      key: keys.issuerKeyOfTenant(tenantId, id),
    });
    return item ? toKey(item) : undefined;
  }

  async revoke(key: OnboardingKey, at: string): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.onboardingKey(key.hash),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
          // A registration may have consumed the key since it was read.
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) {
        throw new ConflictError('The key was already used to register an account');
      }
      throw e;
    }
  }
}
