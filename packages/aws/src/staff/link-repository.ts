import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { StaffLink, StaffLinkRepository } from '@sello/core/staff';
import { keys, withoutKeys } from '../dynamo/keys.ts';
import {
  getItem,
  ifConditionFails,
  putNew,
  TableAdapter,
  written,
} from '../dynamo/toolkit/index.ts';

/** Used and expired links are kept this long after their expiry, then DynamoDB deletes them. */
const KEEP_AFTER_EXPIRY_SECONDS = 7 * 86_400;

const epoch = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/**
 * The domain's `expiresAt` (ISO) is stored as `validUntil`: the table's `expiresAt` is the TTL
 * attribute (epoch seconds), as for onboarding keys.
 */
function linkItem(link: StaffLink) {
  const { expiresAt, ...rest } = link;
  return {
    ...keys.staffLink(link.hash),
    type: 'staffLink',
    ...rest,
    validUntil: expiresAt,
    expiresAt: epoch(expiresAt) + KEEP_AFTER_EXPIRY_SECONDS,
  };
}

const toLink = (item: Record<string, unknown>): StaffLink => {
  const { type: _type, validUntil, ...rest } = withoutKeys(item);
  return { ...rest, expiresAt: validUntil } as unknown as StaffLink;
};

export class DynamoStaffLinkRepository extends TableAdapter implements StaffLinkRepository {
  async create(link: StaffLink): Promise<void> {
    await putNew(this.db, this.table, linkItem(link));
  }

  async findByHash(hash: string): Promise<StaffLink | undefined> {
    const item = await getItem(this.db, this.table, keys.staffLink(hash), { consistent: true });
    return item && toLink(item);
  }

  /** One conditional write: of two concurrent uses, one wins. */
  consume(link: StaffLink, at: string): Promise<boolean> {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.staffLink(link.hash),
          UpdateExpression: 'SET usedAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND attribute_not_exists(usedAt) AND validUntil > :at',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
  }

  async release(link: StaffLink, at: string): Promise<void> {
    await ifConditionFails(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.staffLink(link.hash),
          UpdateExpression: 'REMOVE usedAt',
          // Only the use that failed is undone.
          ConditionExpression: 'usedAt = :at',
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
      () => undefined,
    );
  }
}
