import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoTaskRunRepository } from './run-repository.ts';
import { DynamoCustomerDirectory, DynamoTaskRepository } from './task-repository.ts';
import { DynamoWorkOrderRepository } from './work-order-repository.ts';

/** The tasks area's repositories, built once per container by ../dynamo/repositories.ts. */
export const tasksRepositories = (db: DynamoDBDocumentClient, table: string) => ({
  tasks: new DynamoTaskRepository(db, table),
  taskRuns: new DynamoTaskRunRepository(db, table),
  workOrders: new DynamoWorkOrderRepository(db, table),
  customerDirectory: new DynamoCustomerDirectory(db, table),
});
