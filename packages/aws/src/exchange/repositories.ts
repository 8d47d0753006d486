import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoImportRepository } from './import-repository.ts';
import { DynamoInboxRepository } from './inbox-repository.ts';

/** The exchange area's repositories, built once per container by ../dynamo/repositories.ts. */
export const exchangeRepositories = (db: DynamoDBDocumentClient, table: string) => ({
  inbox: new DynamoInboxRepository(db, table),
  imports: new DynamoImportRepository(db, table),
});
