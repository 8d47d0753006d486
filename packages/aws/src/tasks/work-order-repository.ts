import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Page,
  type PageRequest,
  PreconditionFailedError,
  type WorkOrder,
  type WorkOrderFilter,
  type WorkOrderRepository,
} from '@sello/core';
import { ListFilter, queryIndexPage } from '../dynamo/cursor.ts';
import { keys, withoutKeys } from '../dynamo/keys.ts';
import { putNew } from '../dynamo/writes.ts';

export class DynamoWorkOrderRepository implements WorkOrderRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private item(o: WorkOrder) {
    return {
      ...keys.workOrder(o.tenantId, o.id),
      ...keys.workOrderOfTenant(o.tenantId, o.id),
      type: 'workOrder',
      ...o,
    };
  }

  async create(order: WorkOrder): Promise<void> {
    await putNew(this.db, this.table, this.item(order), `Work order ${order.id} already exists`);
  }

  async get(tenantId: string, id: string): Promise<WorkOrder | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.workOrder(tenantId, id),
        ConsistentRead: true,
      }),
    );
    return Item ? toWorkOrder(Item) : undefined;
  }

  list(tenantId: string, filter: WorkOrderFilter & PageRequest): Promise<Page<WorkOrder>> {
    const { gsi1pk } = keys.workOrderOfTenant(tenantId, '');
    const where = new ListFilter()
      .where('status', '=', filter.status)
      .where('customerId', '=', filter.customerId)
      .where('source.taskId', '=', filter.taskId);
    return queryIndexPage(
      this.db,
      { table: this.table, partition: { gsi1pk }, filter: where, newestFirst: true },
      filter,
      toWorkOrder,
    );
  }

  async update(next: WorkOrder): Promise<void> {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.item(next),
          ConditionExpression: 'attribute_exists(pk) AND version = :previous',
          ExpressionAttributeValues: { ':previous': next.version - 1 },
        }),
      );
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) {
        throw new PreconditionFailedError(
          `Work order ${next.id} was changed by another request; read it again`,
        );
      }
      throw e;
    }
  }
}

function toWorkOrder(item: Record<string, unknown>): WorkOrder {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as WorkOrder;
}
