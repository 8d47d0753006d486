import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, NotFoundError } from '@sello/core/errors';
import type { Page, PageRequest } from '@sello/core/shared';
import type { WebhookSubscription, WebhookSubscriptionRepository } from '@sello/core/webhooks';
import { keys } from '../dynamo/keys.ts';
import {
  absent,
  atVersionOrFirst,
  Cancellation,
  changedMeanwhile,
  fromItem,
  getItem,
  prefixQuery,
  putIf,
  queryAll,
  queryPage,
  TableAdapter,
  transactWrite,
} from '../dynamo/toolkit/index.ts';

const toSubscription = (item: Record<string, unknown>) => fromItem<WebhookSubscription>(item);

/**
 * Subscriptions, with a per-tenant counter written in the same transaction as each create and
 * delete, so concurrent creates cannot take a tenant past its limit.
 */
export class DynamoWebhookSubscriptionRepository
  extends TableAdapter
  implements WebhookSubscriptionRepository
{
  async create(subscription: WebhookSubscription, limit: number): Promise<void> {
    const { tenantId, id } = subscription;
    const item = { ...keys.webhook(tenantId, id), type: 'webhook', ...subscription };
    const count = {
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
    };
    await transactWrite(
      this.db,
      [{ Put: { TableName: this.table, Item: item, ...absent } }, { Update: count }],
      (why) => {
        if (why.failed(1)) {
          return new ConflictError(
            `A tenant may have at most ${limit} webhook subscriptions; delete one first`,
          );
        }
        return why.failed(0) ? new ConflictError(`Webhook ${id} already exists`) : undefined;
      },
    );
  }

  async get(tenantId: string, id: string): Promise<WebhookSubscription | undefined> {
    const item = await getItem(this.db, this.table, keys.webhook(tenantId, id));
    return item && toSubscription(item);
  }

  list(tenantId: string, page: PageRequest): Promise<Page<WebhookSubscription>> {
    const query = prefixQuery(this.table, keys.webhookPrefix(tenantId));
    return queryPage(this.db, query, page, toSubscription);
  }

  async all(tenantId: string): Promise<WebhookSubscription[]> {
    const items = await queryAll(this.db, prefixQuery(this.table, keys.webhookPrefix(tenantId)));
    return items.map(toSubscription);
  }

  async update(next: WebhookSubscription): Promise<void> {
    const condition = atVersionOrFirst(next.version === undefined ? 1 : next.version - 1);
    const item = { ...keys.webhook(next.tenantId, next.id), type: 'webhook', ...next };
    try {
      await putIf(this.db, this.table, item, condition, changedMeanwhile(`Webhook ${next.id}`));
    } catch (error) {
      // Deleted meanwhile is not a lost race: there is nothing left to change.
      if (!(await this.get(next.tenantId, next.id))) throw new NotFoundError('Webhook', next.id);
      throw error;
    }
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
      // Not there (deleted meanwhile): the count was not moved either.
      if (Cancellation.of(e)?.failed(0)) return false;
      throw e;
    }
  }
}
