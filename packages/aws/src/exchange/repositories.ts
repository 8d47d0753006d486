import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The exchange area's repositories, built once per container by ../dynamo/repositories.ts. */
export const exchangeRepositories = (_db: DynamoDBDocumentClient, _table: string) => ({});
