import { setTimeout as sleep } from 'node:timers/promises';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  BatchWriteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  QueryCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  ConflictError,
  type Customer,
  type CustomerDirectory,
  type Page,
  type PageRequest,
  PreconditionFailedError,
  type Task,
  type TaskRepository,
  type TaskSummary,
} from '@sello/core';
import { decodeCursor, encodeCursor } from '../dynamo/cursor.ts';
import { type Key, keys, withoutKeys } from '../dynamo/keys.ts';

/** Keeps each customer part well under DynamoDB's 400 KB item limit. */
const PART_BYTES = 300_000;

type Item = Record<string, unknown>;

/** Retries what DynamoDB left unprocessed (throttling), giving up after a few rounds. */
async function writeAll(db: DynamoDBDocumentClient, table: string, requests: Item[]) {
  for (let start = 0; start < requests.length; start += 25) {
    let pending: Item[] | undefined = requests.slice(start, start + 25);
    for (let attempt = 0; pending?.length; attempt++) {
      if (attempt === 8) throw new Error(`BatchWrite left ${pending.length} items unwritten`);
      if (attempt > 0) await sleep(25 * 2 ** attempt);
      const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
      pending = out.UnprocessedItems?.[table] as Item[] | undefined;
    }
  }
}

async function queryAll(
  db: DynamoDBDocumentClient,
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<Item[]> {
  const items: Item[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({ ...input, ...(start ? { ExclusiveStartKey: start } : {}) }),
    );
    items.push(...((out.Items ?? []) as Item[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * Tasks over the single table. The head item holds everything but the customers; the customer
 * ids (and their assets) are written in parts tagged with the task version, before the head that
 * names that version, so a reader always sees one consistent list and a task of 10,000 customers
 * needs no transaction (whose 4 MB limit it could exceed). Parts of older versions are deleted
 * after the head moved on.
 */
export class DynamoTaskRepository implements TaskRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private parts(task: Task): Item[] {
    const parts: Array<{ customerIds: string[]; assets: Record<string, unknown> }> = [];
    let current = { customerIds: [] as string[], assets: {} as Record<string, unknown> };
    let size = 0;
    for (const id of task.customerIds) {
      const assets = task.assets?.[id];
      const cost = id.length + 8 + (assets ? JSON.stringify(assets).length + id.length : 0);
      if (size + cost > PART_BYTES && current.customerIds.length) {
        parts.push(current);
        current = { customerIds: [], assets: {} };
        size = 0;
      }
      current.customerIds.push(id);
      if (assets) current.assets[id] = assets;
      size += cost;
    }
    parts.push(current);
    return parts.map((p, i) => ({
      ...keys.taskCustomers(task.tenantId, task.id, task.version, i),
      type: 'taskCustomers',
      version: task.version,
      customerIds: p.customerIds,
      ...(Object.keys(p.assets).length ? { assets: p.assets } : {}),
    }));
  }

  private head(task: Task, parts: number): Item {
    const { customerIds, assets: _assets, ...rest } = task;
    return {
      ...keys.task(task.tenantId, task.id),
      ...keys.taskOfTenant(task.tenantId, task.id),
      type: 'task',
      ...rest,
      customerCount: customerIds.length,
      parts,
    };
  }

  private async save(task: Task, condition: 'new' | 'next') {
    const parts = this.parts(task);
    await writeAll(
      this.db,
      this.table,
      parts.map((Item) => ({ PutRequest: { Item } })),
    );
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.head(task, parts.length),
          ...(condition === 'new'
            ? { ConditionExpression: 'attribute_not_exists(pk)' }
            : {
                ConditionExpression: 'attribute_exists(pk) AND version = :previous',
                ExpressionAttributeValues: { ':previous': task.version - 1 },
              }),
        }),
      );
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
      if (condition === 'new') throw new ConflictError(`Task ${task.id} already exists`);
      throw new PreconditionFailedError(
        `Task ${task.id} was changed by another request; read it again`,
      );
    }
    // Older versions' parts are garbage now; a failure here only leaves them for the next save.
    await this.dropPartsExcept(task).catch(() => {});
  }

  private async dropPartsExcept(task: Task) {
    const prefix = keys.taskCustomersPrefix(task.tenantId, task.id);
    const keep = keys.taskCustomersPrefix(task.tenantId, task.id, task.version).skPrefix;
    const stale = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
      ProjectionExpression: 'pk, sk',
    });
    const old = stale.filter((k) => !String(k.sk).startsWith(keep));
    await writeAll(
      this.db,
      this.table,
      old.map((k) => ({ DeleteRequest: { Key: { pk: k.pk, sk: k.sk } } })),
    );
  }

  create(task: Task): Promise<void> {
    return this.save(task, 'new');
  }

  update(next: Task): Promise<void> {
    return this.save(next, 'next');
  }

  async get(tenantId: string, id: string): Promise<Task | undefined> {
    const range = keys.taskWithParts(tenantId, id);
    const items = await queryAll(this.db, {
      TableName: this.table,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      ExpressionAttributeValues: { ':pk': range.pk, ':prefix': range.skPrefix },
      ConsistentRead: true,
    });
    const head = items.find((i) => i.type === 'task');
    if (!head) return undefined;
    const customerIds: string[] = [];
    const assets: NonNullable<Task['assets']> = {};
    const parts = items
      .filter((i) => i.type === 'taskCustomers' && i.version === head.version)
      .sort((a, b) => String(a.sk).localeCompare(String(b.sk)));
    for (const part of parts) {
      customerIds.push(...(part.customerIds as string[]));
      Object.assign(assets, part.assets ?? {});
    }
    const { type: _t, customerCount: _c, parts: _p, ...rest } = withoutKeys(head);
    return {
      ...(rest as unknown as Omit<Task, 'customerIds' | 'assets'>),
      customerIds,
      ...(Object.keys(assets).length ? { assets } : {}),
    };
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<TaskSummary>> {
    const { gsi1pk } = keys.taskOfTenant(tenantId, '');
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        FilterExpression: 'attribute_not_exists(deletedAt)',
        ExpressionAttributeValues: { ':pk': gsi1pk },
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { gsi1pk }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    const items = (out.Items ?? []).map((item) => {
      const { type: _t, parts: _p, ...rest } = withoutKeys(item);
      return rest as unknown as TaskSummary;
    });
    return { items, ...(nextCursor ? { nextCursor } : {}) };
  }
}

/** Customers many at a time: BatchGetItem, 100 keys a call. */
export class DynamoCustomerDirectory implements CustomerDirectory {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async live(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    const items = await this.read(tenantId, ids, 'id, deletedAt');
    return new Set(items.filter((i) => !i.deletedAt).map((i) => i.id as string));
  }

  async getMany(tenantId: string, ids: readonly string[]): Promise<Customer[]> {
    const items = await this.read(tenantId, ids);
    return items.map((item) => {
      const { type: _type, ...rest } = withoutKeys(item);
      return rest as unknown as Customer;
    });
  }

  private async read(tenantId: string, ids: readonly string[], projection?: string) {
    const unique = [...new Set(ids)];
    const found: Item[] = [];
    for (let start = 0; start < unique.length; start += 100) {
      let pending: Key[] | undefined = unique
        .slice(start, start + 100)
        .map((id) => keys.customer(tenantId, id));
      for (let attempt = 0; pending?.length; attempt++) {
        if (attempt === 8) throw new Error(`BatchGet left ${pending.length} customers unread`);
        if (attempt > 0) await sleep(25 * 2 ** attempt);
        const out = await this.db.send(
          new BatchGetCommand({
            RequestItems: {
              [this.table]: {
                Keys: pending,
                ...(projection ? { ProjectionExpression: projection } : {}),
              },
            },
          }),
        );
        found.push(...((out.Responses?.[this.table] ?? []) as Item[]));
        pending = out.UnprocessedKeys?.[this.table]?.Keys as Key[] | undefined;
      }
    }
    return found;
  }
}
