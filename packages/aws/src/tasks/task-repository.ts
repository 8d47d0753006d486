import type { Customer } from '@sello/core/customers';
import { ConflictError } from '@sello/core/errors';
import type { Page, PageRequest } from '@sello/core/shared';
import type { CustomerDirectory, Task, TaskRepository, TaskSummary } from '@sello/core/tasks';
import { keys, withoutKeys } from '../dynamo/keys.ts';
import {
  absent,
  atVersion,
  batchGet,
  batchWrite,
  changedMeanwhile,
  fromItem,
  ListFilter,
  prefixQuery,
  putIf,
  queryAll,
  queryPage,
  TableAdapter,
} from '../dynamo/toolkit/index.ts';

/** Keeps each customer part well under DynamoDB's 400 KB item limit. */
const PART_BYTES = 300_000;

type Item = Record<string, unknown>;

/**
 * Tasks over the single table. The head item holds everything but the customers; the customer
 * ids (and their assets) are written in parts tagged with the task version, before the head that
 * names that version, so a reader always sees one consistent list and a task of 10,000 customers
 * needs no transaction (whose 4 MB limit it could exceed). Parts of older versions are deleted
 * after the head moved on.
 */
export class DynamoTaskRepository extends TableAdapter implements TaskRepository {
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
    await batchWrite(
      this.db,
      this.table,
      parts.map((Item) => ({ PutRequest: { Item } })),
    );
    await putIf(
      this.db,
      this.table,
      this.head(task, parts.length),
      condition === 'new' ? absent : atVersion(task.version - 1),
      condition === 'new'
        ? () => new ConflictError(`Task ${task.id} already exists`)
        : changedMeanwhile(`Task ${task.id}`),
    );
    // Older versions' parts are garbage now; a failure here only leaves them for the next save.
    await this.dropPartsExcept(task).catch(() => {});
  }

  private async dropPartsExcept(task: Task) {
    const prefix = keys.taskCustomersPrefix(task.tenantId, task.id);
    const keep = keys.taskCustomersPrefix(task.tenantId, task.id, task.version).skPrefix;
    const stale = await queryAll(
      this.db,
      prefixQuery(this.table, prefix, { projection: ['pk', 'sk'] }),
    );
    const old = stale.filter((k) => !String(k.sk).startsWith(keep));
    await batchWrite(
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
    const items = await queryAll(
      this.db,
      prefixQuery(this.table, keys.taskWithParts(tenantId, id), { consistent: true }),
    );
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
    return queryPage(
      this.db,
      { table: this.table, partition: { gsi1pk }, filter: new ListFilter().absent('deletedAt') },
      page,
      (item) => {
        const { parts: _p, ...rest } = fromItem<TaskSummary & { parts: number }>(item);
        return rest;
      },
    );
  }
}

/** Customers many at a time: BatchGetItem, 100 keys a call. */
export class DynamoCustomerDirectory extends TableAdapter implements CustomerDirectory {
  async live(tenantId: string, ids: readonly string[]): Promise<Set<string>> {
    const items = await this.read(tenantId, ids, ['id', 'deletedAt']);
    return new Set(items.filter((i) => !i.deletedAt).map((i) => i.id as string));
  }

  async getMany(tenantId: string, ids: readonly string[]): Promise<Customer[]> {
    return (await this.read(tenantId, ids)).map((item) => fromItem<Customer>(item));
  }

  private read(tenantId: string, ids: readonly string[], projection?: readonly string[]) {
    return batchGet(
      this.db,
      this.table,
      ids.map((id) => keys.customer(tenantId, id)),
      { ...(projection ? { projection } : {}), what: 'customers' },
    );
  }
}
