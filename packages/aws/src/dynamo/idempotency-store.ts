import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type {
  IdempotencyClaim,
  IdempotencyState,
  IdempotencyStore,
  StoredOutcome,
} from '@sello/core/ports';
import { keys } from './keys.ts';
import { getItem, ifConditionFails, TableAdapter, written } from './toolkit/index.ts';

const epoch = (ms = Date.now()) => Math.floor(ms / 1000);

/**
 * Idempotency with one conditional write. A claim succeeds when no record exists, or when an
 * earlier claim's lock expired (its Lambda died mid-flight):
 *
 *   t0  A: put IN_PROGRESS (lock until t0+L)      -> claimed, runs
 *   t1  B: put fails, sees IN_PROGRESS, lock live -> in-progress (waits, then replays)
 *   t2  A: update COMPLETED + outcome             -> B's next peek replays A's outcome
 *
 * Unlike Powertools' middleware, a duplicate's failure never deletes the live claim of the first.
 */
export class DynamoIdempotencyStore extends TableAdapter implements IdempotencyStore {
  async claim(key: string, fingerprint: string, lockSeconds: number): Promise<IdempotencyClaim> {
    const now = epoch();
    const put = this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.idempotency(key),
          type: 'idempotency',
          status: 'IN_PROGRESS',
          fingerprint,
          lockedUntil: now + lockSeconds,
          expiresAt: now + lockSeconds + 3600,
        },
        ConditionExpression:
          'attribute_not_exists(pk) OR (#status = :inProgress AND lockedUntil < :now)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS', ':now': now },
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
    return ifConditionFails(
      put.then((): IdempotencyClaim => ({ state: 'claimed' })),
      async (e) => {
        // The error's Item is in low-level attribute-value form.
        const old = e.Item ? unmarshall(e.Item) : await this.read(key);
        // The record may have expired between the failed put and the read: let the caller retry.
        return old ? interpret(old, fingerprint) : { state: 'in-progress' };
      },
    );
  }

  async peek(key: string, fingerprint: string): Promise<IdempotencyState> {
    const item = await this.read(key);
    return item ? interpret(item, fingerprint) : { state: 'absent' };
  }

  async complete(key: string, outcome: StoredOutcome, keepSeconds: number): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.idempotency(key),
        UpdateExpression:
          'SET #status = :done, outcome = :outcome, expiresAt = :exp REMOVE lockedUntil',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':done': 'COMPLETED',
          ':outcome': outcome,
          ':exp': epoch() + keepSeconds,
        },
      }),
    );
  }

  async release(key: string): Promise<void> {
    // A completed record stays: only a claim still in progress is given up.
    await written(
      this.db.send(
        new DeleteCommand({
          TableName: this.table,
          Key: keys.idempotency(key),
          ConditionExpression: '#status = :inProgress',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':inProgress': 'IN_PROGRESS' },
        }),
      ),
    );
  }

  private async read(key: string) {
    const item = await getItem(this.db, this.table, keys.idempotency(key), { consistent: true });
    // TTL deletion lags; an expired record counts as absent.
    if (!item || (typeof item.expiresAt === 'number' && item.expiresAt < epoch())) return undefined;
    return item;
  }
}

function interpret(
  item: Record<string, unknown>,
  fingerprint: string,
): Exclude<IdempotencyClaim, { state: 'claimed' }> {
  if (item.fingerprint !== fingerprint) return { state: 'mismatch' };
  if (item.status === 'COMPLETED')
    return { state: 'completed', outcome: item.outcome as StoredOutcome };
  return { state: 'in-progress' };
}
