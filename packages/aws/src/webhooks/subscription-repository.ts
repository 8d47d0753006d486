import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  ConflictError,
  type Page,
  type PageRequest,
  type WebhookSubscription,
  type WebhookSubscriptionRepository,
} from '@sello/core';
import { decodeCursor, encodeCursor } from '../dynamo/cursor.ts';
import { keys, withoutKeys } from '../dynamo/keys.ts';

const reasons = (e: TransactionCanceledException) =>
  (e.CancellationReasons ?? []).map((r) => r.Code);

/**
 * Subscriptions, with a per-tenant counter written in the same transaction as each create and
 * delete, so concurrent creates cannot take a tenant past its limit.
 */
export class DynamoWebhookSubscriptionRepository implements WebhookSubscriptionRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async create(subscription: WebhookSubscription, limit: number): Promise<void> {
    const { tenantId, id } = subscription;
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.table,
                Item: { ...keys.webhook(tenantId, id), type: 'webhook', ...subscription },
                ConditionExpression: 'attribute_not_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: keys.webhookCount(tenantId),
                UpdateExpression: 'SET #n = if_not_exists(#n, :zero) + :one, #type = :type',
                ConditionExpression: 'attribute_not_exists(#n) OR #n < :limit',
                ExpressionAttributeNames: { '#n': 'subscriptions', '#type': 'type' },
                ExpressionAttributeValues: {
                  ':zero': 0,
                  ':one': 1,
                  ':limit': limit,
                  ':type': 'webhookCount',
                },
              },
            },
          ],
        }),
      );
    } catch (e) {
      if (!(e instanceof TransactionCanceledException)) throw e;
      const [put, count] = reasons(e);
      if (count === 'ConditionalCheckFailed') {
        throw new ConflictError(
          `A tenant may have at most ${limit} webhook subscriptions; delete one first`,
        );
      }
      if (put === 'ConditionalCheckFailed') throw new ConflictError(`Webhook ${id} already exists`);
      throw e;
    }
  }

  async get(tenantId: string, id: string): Promise<WebhookSubscription | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.webhook(tenantId, id) }),
    );
    return Item ? toSubscription(Item) : undefined;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<WebhookSubscription>> {
    const prefix = keys.webhookPrefix(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, {
          pk: prefix.pk,
          sk: { prefix: prefix.skPrefix },
        }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return {
      items: (out.Items ?? []).map(toSubscription),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  async all(tenantId: string): Promise<WebhookSubscription[]> {
    const prefix = keys.webhookPrefix(tenantId);
    const items: WebhookSubscription[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
          ExclusiveStartKey: start,
        }),
      );
      items.push(...(out.Items ?? []).map(toSubscription));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    try {
      await this.db.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Delete: {
                TableName: this.table,
                Key: keys.webhook(tenantId, id),
                ConditionExpression: 'attribute_exists(pk)',
              },
            },
            {
              Update: {
                TableName: this.table,
                Key: keys.webhookCount(tenantId),
                UpdateExpression: 'SET #n = #n - :one',
                ConditionExpression: '#n > :zero',
                ExpressionAttributeNames: { '#n': 'subscriptions' },
                ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
              },
            },
          ],
        }),
      );
      return true;
    } catch (e) {
      if (e instanceof TransactionCanceledException && reasons(e)[0] === 'ConditionalCheckFailed') {
        return false;
      }
      throw e;
    }
  }
}

function toSubscription(item: Record<string, unknown>): WebhookSubscription {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as WebhookSubscription;
}
