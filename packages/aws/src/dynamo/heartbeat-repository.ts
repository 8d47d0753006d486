import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { HeartbeatRepository } from '@sello/core';
import { keys } from './keys.ts';

export class DynamoHeartbeatRepository implements HeartbeatRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async record(source: string, at: string, firedAt: string): Promise<void> {
    // A late duplicate delivery must not move the heartbeat backwards.
    await this.db
      .send(
        new PutCommand({
          TableName: this.table,
          Item: { ...keys.heartbeat(source), type: 'heartbeat', at, firedAt },
          ConditionExpression: 'attribute_not_exists(pk) OR #at < :at',
          ExpressionAttributeNames: { '#at': 'at' },
          ExpressionAttributeValues: { ':at': at },
        }),
      )
      .catch((e: Error) => {
        if (e.name !== 'ConditionalCheckFailedException') throw e;
      });
  }

  async last(source: string) {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.heartbeat(source), ConsistentRead: true }),
    );
    return Item ? { at: String(Item.at), firedAt: String(Item.firedAt) } : undefined;
  }
}
