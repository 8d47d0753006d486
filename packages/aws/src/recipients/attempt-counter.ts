import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { AttemptCounter } from '@sello/core';
import { keys } from '../dynamo/keys.ts';

const subjectHash = (subject: string) => createHash('sha256').update(subject, 'utf8').digest('hex');

/**
 * One counter item per subject and window. The increment is conditional on the count being under
 * the limit, so concurrent attempts are serialised by DynamoDB and never overshoot it; TTL
 * removes old windows.
 */
export class DynamoAttemptCounter implements AttemptCounter {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async take(
    subject: string,
    windowStart: number,
    windowSeconds: number,
    limit: number,
  ): Promise<boolean> {
    try {
      await this.db.send(
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
      );
      return true;
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return false;
      throw e;
    }
  }

  async giveBack(subject: string, windowStart: number): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.attemptWindow(subjectHash(subject), windowStart),
          UpdateExpression: 'ADD attempts :minusOne',
          ConditionExpression: 'attempts > :zero',
          ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
        }),
      );
    } catch (e) {
      // Nothing to give back (the window expired and was deleted): nothing to do.
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  }
}
