import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HeartbeatRepository } from '@sello/core/system';
import { keys } from './keys.ts';
import { getItem, TableAdapter, written } from './toolkit/index.ts';

export class DynamoHeartbeatRepository extends TableAdapter implements HeartbeatRepository {
  async record(source: string, at: string, firedAt: string): Promise<void> {
    // A late duplicate delivery must not move the heartbeat backwards: it is not written.
    await written(
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.heartbeat(source), type: 'heartbeat', at, firedAt },
          ConditionExpression: 'attribute_not_exists(pk) OR #at < :at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':at': at },
        }),
      ),
    );
  }

  async last(source: string) {
    const item = await getItem(this.db, this.table, keys.heartbeat(source), { consistent: true });
    return item ? { at: String(item.at), firedAt: String(item.firedAt) } : undefined;
  }
}
