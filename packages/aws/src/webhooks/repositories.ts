import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The webhooks area's repositories, built once per container by ../dynamo/repositories.ts. */
export const webhooksRepositories = (_db: DynamoDBDocumentClient, _table: string) => ({});
