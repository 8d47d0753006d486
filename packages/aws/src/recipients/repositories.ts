import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The recipients area's repositories, built once per container by ../dynamo/repositories.ts. */
export const recipientsRepositories = (_db: DynamoDBDocumentClient, _table: string) => ({});
