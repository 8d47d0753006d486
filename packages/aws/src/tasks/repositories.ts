import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The tasks area's repositories, built once per container by ../dynamo/repositories.ts. */
export const tasksRepositories = (_db: DynamoDBDocumentClient, _table: string) => ({});
