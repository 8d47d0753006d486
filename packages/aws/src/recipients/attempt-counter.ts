import { createHash } from 'node:crypto';
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AttemptCounter } from '@sello/core/recipients';
import { keys } from '../dynamo/keys.ts';
import { TableAdapter, written } from '../dynamo/toolkit/index.ts';

const subjectHash = (subject: string) => createHash('sha256').update(subject, 'utf8').digest('hex');

/**
 * One counter item per subject and window. The increment is conditional on the count being under
 * the limit, so concurrent attempts are serialised by DynamoDB and never overshoot it; TTL
 * removes old windows.
 */
export class DynamoAttemptCounter extends TableAdapter implements AttemptCounter {
  take(subject: string, windowStart: number, windowSeconds: number, limit: number) {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.attemptWindow(subjectHash(subject), windowStart),
          UpdateExpression: 'ADD attempts :one SET expiresAt = :ttl',
          ConditionExpression: 'attribute_not_exists(attempts) OR attempts < :limit',
          ExpressionAttributeValues: {
            ':one': 1,
            ':limit': limit,
            ':ttl': windowStart + windowSeconds + 3600,
          },
        }),
      ),
    );
  }

  async giveBack(subject: string, windowStart: number): Promise<void> {
    // Nothing to give back (the window expired and was deleted): nothing is written.
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.attemptWindow(subjectHash(subject), windowStart),
          UpdateExpression: 'ADD attempts :minusOne',
          ConditionExpression: 'attempts > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        }),
      ),
    );
  }
}
