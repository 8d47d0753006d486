import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '@sello/core/shared';
import type { LeaseResult, OccurrenceState, TaskRun, TaskRunRepository } from '@sello/core/tasks';
import { keys } from '../dynamo/keys.ts';
import {
  fromItem,
  getItem,
  giveUpLease,
  ListFilter,
  prefixQuery,
  type Query,
  queryAll,
  queryPage,
  queryPages,
  TableAdapter,
  takeLease,
} from '../dynamo/toolkit/index.ts';

const toRun = (item: Record<string, unknown>) => fromItem<TaskRun>(item);

const toState = (item: Record<string, unknown>): OccurrenceState => ({
  occurrence: item.occurrence as string,
  ...(item.leaseOwner ? { owner: item.leaseOwner as string } : {}),
  ...(item.leaseUntil ? { leaseUntil: item.leaseUntil as string } : {}),
  ...(item.finishedAt ? { finishedAt: item.finishedAt as string } : {}),
  ...(item.finishedBy ? { finishedBy: item.finishedBy as string } : {}),
});

/**
 * Runs and per-occurrence leases. The lease is one conditional update, so two deliveries of the
 * same occurrence cannot both hold it; an expired lease (its run died) is taken over.
 */
export class DynamoTaskRunRepository extends TableAdapter implements TaskRunRepository {
  async acquire(
    tenantId: string,
    taskId: string,
    occurrence: string,
    runId: string,
    now: string,
    until: string,
  ): Promise<LeaseResult> {
    const taken = await takeLease(
      this.db,
      this.table,
      keys.occurrence(tenantId, taskId, occurrence),
      {
        runId,
        now,
        until,
        set: { occurrence, taskId, type: 'taskOccurrence' },
      },
    );
    if (!taken.acquired) return taken;
    // A finished occurrence runs again for tasks (it skips the documents that exist).
    const { finishedAt: _finished, ...lease } = taken;
    return lease;
  }

  async release(
    tenantId: string,
    taskId: string,
    occurrence: string,
    runId: string,
    finished?: string,
  ): Promise<void> {
    await giveUpLease(
      this.db,
      this.table,
      keys.occurrence(tenantId, taskId, occurrence),
      runId,
      finished,
    );
  }

  async latestFinished(
    tenantId: string,
    taskId: string,
    after: string,
    before: string,
  ): Promise<string | undefined> {
    const pages = queryPages(
      this.db,
      {
        ...this.occurrences(tenantId, taskId, after, before),
        filter: new ListFilter().present('finishedAt').where('occurrence', '<', before),
        newestFirst: true,
      },
      50,
    );
    for await (const items of pages) {
      const found = items[0];
      if (found) return found.occurrence as string;
    }
    return undefined;
  }

  async states(
    tenantId: string,
    taskId: string,
    from: string,
    to: string,
  ): Promise<OccurrenceState[]> {
    const items = await queryAll(this.db, this.occurrences(tenantId, taskId, from, to));
    return items.map(toState);
  }

  /** The leases of a task's occurrences from one instant to another, both included. */
  private occurrences(tenantId: string, taskId: string, from: string, to: string): Query {
    const { pk, skPrefix } = keys.occurrencePrefix(tenantId, taskId);
    return {
      table: this.table,
      partition: { pk },
      sort: { between: [`${skPrefix}${from}`, `${skPrefix}${to}`] },
      consistent: true,
    };
  }

  async put(run: TaskRun): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.taskRun(run.tenantId, run.taskId, run.occurrence, run.id),
          type: 'taskRun',
          ...run,
        },
      }),
    );
  }

  async get(
    tenantId: string,
    taskId: string,
    occurrence: string,
    runId: string,
  ): Promise<TaskRun | undefined> {
    const item = await getItem(
      this.db,
      this.table,
      keys.taskRun(tenantId, taskId, occurrence, runId),
      {
        consistent: true,
      },
    );
    return item && toRun(item);
  }

  async list(
    tenantId: string,
    taskId: string,
    page: PageRequest & { occurrence?: string },
  ): Promise<Page<TaskRun>> {
    const prefix = keys.taskRunPrefix(tenantId, taskId, page.occurrence);
    return queryPage(this.db, prefixQuery(this.table, prefix, { newestFirst: true }), page, toRun);
  }
}
