import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '@sello/core/errors';
import type { OnboardingKey, OnboardingKeyRepository } from '@sello/core/recipients';
import type { Page, PageRequest } from '@sello/core/shared';
import { keys, withoutKeys } from '../dynamo/keys.ts';
import {
  getItem,
  orRefused,
  putNew,
  queryIndexItem,
  queryPage,
  TableAdapter,
} from '../dynamo/toolkit/index.ts';

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

export class DynamoOnboardingKeyRepository extends TableAdapter implements OnboardingKeyRepository {
  async create(key: OnboardingKey): Promise<void> {
    await putNew(this.db, this.table, onboardingKeyItem(key));
  }

  async findByHash(hash: string): Promise<OnboardingKey | undefined> {
    const item = await getItem(this.db, this.table, keys.onboardingKey(hash), {
      consistent: true,
    });
    return item && toKey(item);
  }

  listIssuerKeys(tenantId: string, page: PageRequest): Promise<Page<OnboardingKey>> {
    const { gsi1pk } = keys.issuerKeyOfTenant(tenantId, '');
    return queryPage(this.db, { table: this.table, partition: { gsi1pk } }, page, toKey);
  }

  async getIssuerKey(tenantId: string, id: string): Promise<OnboardingKey | undefined> {
    const item = await queryIndexItem(this.db, this.table, keys.issuerKeyOfTenant(tenantId, id));
    return item && toKey(item);
  }

  async revoke(key: OnboardingKey, at: string): Promise<void> {
    await orRefused(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.onboardingKey(key.hash),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :at)',
          // A registration may have consumed the key since it was read.
          ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
      () => new ConflictError('The key was already used to register an account'),
    );
  }
}
