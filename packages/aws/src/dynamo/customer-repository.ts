import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type Customer,
  type CustomerRepository,
  type Page,
  PreconditionFailedError,
} from '@sello/core';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys, withoutKeys } from './keys.ts';
import { putNew } from './writes.ts';

export class DynamoCustomerRepository implements CustomerRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private item(c: Customer) {
    return {
      ...keys.customer(c.tenantId, c.id),
      ...keys.customerByTaxId(c.tenantId, c.taxId, c.id),
      type: 'customer',
      ...c,
    };
  }

  async create(customer: Customer): Promise<void> {
    await putNew(
      this.db,
      this.table,
      this.item(customer),
      `Customer ${customer.id} already exists`,
    );
  }

  async get(tenantId: string, id: string): Promise<Customer | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({ TableName: this.table, Key: keys.customer(tenantId, id) }),
    );
    return Item ? toCustomer(Item) : undefined;
  }

  async list(
    tenantId: string,
    page: { limit: number; cursor?: string; taxId?: string },
  ): Promise<Page<Customer>> {
    const prefix = keys.customerPrefix(tenantId);
    const byTaxId = page.taxId ? keys.customerByTaxId(tenantId, page.taxId, '') : undefined;
    const startKey = byTaxId
      ? decodeCursor(page.cursor, { gsi1pk: byTaxId.gsi1pk, pk: prefix.pk })
      : decodeCursor(page.cursor, { pk: prefix.pk, sk: { prefix: prefix.skPrefix } });
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        ...(byTaxId
          ? {
              IndexName: 'gsi1',
              KeyConditionExpression: 'gsi1pk = :pk',
              ExpressionAttributeValues: { ':pk': byTaxId.gsi1pk },
            }
          : {
              KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
              ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
            }),
        FilterExpression: 'attribute_not_exists(deletedAt)',
        Limit: page.limit,
        ExclusiveStartKey: startKey,
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return { items: (out.Items ?? []).map(toCustomer), ...(nextCursor ? { nextCursor } : {}) };
  }

  async update(next: Customer): Promise<void> {
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
          `Customer ${next.id} was changed by another request; read it again`,
        );
      }
      throw e;
    }
  }
}

function toCustomer(item: Record<string, unknown>): Customer {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as Customer;
}
