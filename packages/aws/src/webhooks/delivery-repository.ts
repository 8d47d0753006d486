import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '@sello/core/shared';
import type {
  WebhookDelivery,
  WebhookDeliveryLease,
  WebhookDeliveryRef,
  WebhookDeliveryRepository,
} from '@sello/core/webhooks';
import { keys, withoutKeys } from '../dynamo/keys.ts';
import {
  absent,
  getItem,
  ifConditionFails,
  queryPage,
  queryPages,
  TableAdapter,
  written,
} from '../dynamo/toolkit/index.ts';

/** The delivery log is kept this long (TTL); retries end within two days. */
const RETENTION_SECONDS = 30 * 24 * 3600;

export class DynamoWebhookDeliveryRepository
  extends TableAdapter
  implements WebhookDeliveryRepository
{
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

  /** False when the event was enqueued for the subscription already (the id is derived from both). */
  enqueue(delivery: WebhookDelivery): Promise<boolean> {
    return written(
      this.db.send(new PutCommand({ TableName: this.table, Item: this.item(delivery), ...absent })),
    );
  }

  async get(tenantId: string, id: string): Promise<WebhookDelivery | undefined> {
    const item = await getItem(this.db, this.table, keys.webhookDelivery(tenantId, id));
    return item && toDelivery(item);
  }

  listOfSubscription(
    tenantId: string,
    subscriptionId: string,
    page: PageRequest,
  ): Promise<Page<WebhookDelivery>> {
    const { gsi1pk } = keys.webhookDeliveryOfSubscription(tenantId, subscriptionId, '', '');
    const { pk } = keys.webhookDelivery(tenantId, '');
    return queryPage(
      this.db,
      { table: this.table, partition: { gsi1pk }, newestFirst: true, alsoInCursor: { pk } },
      page,
      toDelivery,
    );
  }

  async due(now: string, limit: number): Promise<WebhookDeliveryRef[]> {
    const { gsi2pk } = keys.webhookDue(now, '');
    const refs: WebhookDeliveryRef[] = [];
    const pages = queryPages(
      this.db,
      {
        table: this.table,
        partition: { gsi2pk },
        // `<instant>#<id>` sorts below `<instant>$` for every id, so this is "due at or before".
        sort: { below: `${now}$` },
        projection: ['tenantId', 'id'],
      },
      () => limit - refs.length,
    );
    for await (const items of pages) {
      for (const item of items) refs.push({ tenantId: String(item.tenantId), id: String(item.id) });
      if (refs.length >= limit) break;
    }
    return refs;
  }

  async claim(
    ref: WebhookDeliveryRef,
    lease: WebhookDeliveryLease,
  ): Promise<WebhookDelivery | undefined> {
    const out = await ifConditionFails(
      this.db.send(
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
      ),
      () => undefined,
    );
    return out?.Attributes ? toDelivery(out.Attributes) : undefined;
  }

  /** False when the lease was lost: another run holds the delivery now. */
  settle(delivery: WebhookDelivery, leaseToken: string): Promise<boolean> {
    return written(
      this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.item(delivery),
          ConditionExpression: 'leaseToken = :token',
          ExpressionAttributeValues: { ':token': leaseToken },
        }),
      ),
    );
  }
}

function toDelivery(item: Record<string, unknown>): WebhookDelivery {
  const { type: _type, leaseToken: _lease, ...rest } = withoutKeys(item);
  return rest as unknown as WebhookDelivery;
}
