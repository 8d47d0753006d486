import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type Page,
  type PageRequest,
  PreconditionFailedError,
  type WorkOrder,
  type WorkOrderFilter,
  type WorkOrderRepository,
} from '@sello/core';
import { decodeCursor, encodeCursor } from '../dynamo/cursor.ts';
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

  async list(tenantId: string, filter: WorkOrderFilter & PageRequest): Promise<Page<WorkOrder>> {
    const { gsi1pk } = keys.workOrderOfTenant(tenantId, '');
    const conditions: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = { ':pk': gsi1pk };
    if (filter.status) {
      conditions.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = filter.status;
    }
    if (filter.customerId) {
      conditions.push('customerId = :customer');
      values[':customer'] = filter.customerId;
    }
    if (filter.taskId) {
      conditions.push('#source.taskId = :task');
      names['#source'] = 'source';
      values[':task'] = filter.taskId;
    }
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ...(conditions.length ? { FilterExpression: conditions.join(' AND ') } : {}),
        ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
        ExpressionAttributeValues: values,
        ScanIndexForward: false,
        Limit: filter.limit,
        ExclusiveStartKey: decodeCursor(filter.cursor, { gsi1pk }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return { items: (out.Items ?? []).map(toWorkOrder), ...(nextCursor ? { nextCursor } : {}) };
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
