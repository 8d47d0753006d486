import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoWebhookDeliveryRepository } from './delivery-repository.ts';
import { DynamoWebhookSubscriptionRepository } from './subscription-repository.ts';

/** The webhooks area's repositories, built once per container by ../dynamo/repositories.ts. */
export const webhooksRepositories = (db: DynamoDBDocumentClient, table: string) => ({
  webhookSubscriptions: new DynamoWebhookSubscriptionRepository(db, table),
  webhookDeliveries: new DynamoWebhookDeliveryRepository(db, table),
});
