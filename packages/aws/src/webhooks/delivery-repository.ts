import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  Page,
  PageRequest,
  WebhookDelivery,
  WebhookDeliveryLease,
  WebhookDeliveryRef,
  WebhookDeliveryRepository,
} from '@sello/core';
import { decodeCursor, encodeCursor } from '../dynamo/cursor.ts';
import { keys, withoutKeys } from '../dynamo/keys.ts';

/** The delivery log is kept this long (TTL); retries end within two days. */
const RETENTION_SECONDS = 30 * 24 * 3600;

const conditionFailed = (e: unknown) => e instanceof ConditionalCheckFailedException;

export class DynamoWebhookDeliveryRepository implements WebhookDeliveryRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private item(d: WebhookDelivery) {
    return {
      ...keys.webhookDelivery(d.tenantId, d.id),
      ...keys.webhookDeliveryOfSubscription(d.tenantId, d.subscriptionId, d.createdAt, d.id),
      // Only pending deliveries are in the due index.
      ...(d.status === 'pending' && d.nextAttemptAt ? keys.webhookDue(d.nextAttemptAt, d.id) : {}),
      type: 'webhookDelivery',
      ...d,
      expiresAt: Math.floor(Date.parse(d.createdAt) / 1000) + RETENTION_SECONDS,
    };
  }

  async enqueue(delivery: WebhookDelivery): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.item(delivery),
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (e) {
      if (conditionFailed(e)) return false;
      throw e;
    }
  }

  async get(tenantId: string, id: string): Promise<WebhookDelivery | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.webhookDelivery(tenantId, id) }),
    );
    return Item ? toDelivery(Item) : undefined;
  }

  async listOfSubscription(
    tenantId: string,
    subscriptionId: string,
    page: PageRequest,
  ): Promise<Page<WebhookDelivery>> {
    const { gsi1pk } = keys.webhookDeliveryOfSubscription(tenantId, subscriptionId, '', '');
    const { pk } = keys.webhookDelivery(tenantId, '');
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { gsi1pk, pk }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return { items: (out.Items ?? []).map(toDelivery), ...(nextCursor ? { nextCursor } : {}) };
  }

  async due(now: string, limit: number): Promise<WebhookDeliveryRef[]> {
    const { gsi2pk } = keys.webhookDue(now, '');
    const refs: WebhookDeliveryRef[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          IndexName: 'gsi2',
          // `<instant>#<id>` sorts below `<instant>$` for every id, so this is "due at or before".
          KeyConditionExpression: 'gsi2pk = :pk AND gsi2sk < :upper',
          ExpressionAttributeValues: { ':pk': gsi2pk, ':upper': `${now}$` },
          ProjectionExpression: 'tenantId, id',
          Limit: limit - refs.length,
          ExclusiveStartKey: start,
        }),
      );
      for (const item of out.Items ?? []) {
        refs.push({ tenantId: String(item.tenantId), id: String(item.id) });
      }
      start = out.LastEvaluatedKey;
    } while (start && refs.length < limit);
    return refs;
  }

  async claim(
    ref: WebhookDeliveryRef,
    lease: WebhookDeliveryLease,
  ): Promise<WebhookDelivery | undefined> {
    try {
      const out = await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.webhookDelivery(ref.tenantId, ref.id),
          // Moving the due time past the lease hides the delivery from other runs until then.
          UpdateExpression: 'SET leaseToken = :token, nextAttemptAt = :until, gsi2sk = :due',
          ConditionExpression: '#status = :pending AND nextAttemptAt <= :now',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':token': lease.token,
            ':until': lease.until,
            ':due': keys.webhookDue(lease.until, ref.id).gsi2sk,
            ':pending': 'pending',
            ':now': lease.now,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return out.Attributes ? toDelivery(out.Attributes) : undefined;
    } catch (e) {
      if (conditionFailed(e)) return undefined;
      throw e;
    }
  }

  async settle(delivery: WebhookDelivery, leaseToken: string): Promise<boolean> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.item(delivery),
          ConditionExpression: 'leaseToken = :token',
          ExpressionAttributeValues: { ':token': leaseToken },
        }),
      );
      return true;
    } catch (e) {
      if (conditionFailed(e)) return false;
      throw e;
    }
  }
}

function toDelivery(item: Record<string, unknown>): WebhookDelivery {
  const { type: _type, leaseToken: _lease, ...rest } = withoutKeys(item);
  return rest as unknown as WebhookDelivery;
}
