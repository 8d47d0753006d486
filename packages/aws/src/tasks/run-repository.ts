import { PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '@sello/core/shared';
import type { LeaseResult, OccurrenceState, TaskRun, TaskRunRepository } from '@sello/core/tasks';
import { keys } from '../dynamo/keys.ts';
import {
  fromItem,
  getItem,
  ifConditionFails,
  ListFilter,
  prefixQuery,
  type Query,
  queryAll,
  queryPage,
  queryPages,
  TableAdapter,
  written,
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
    const key = keys.occurrence(tenantId, taskId, occurrence);
    const take = this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: key,
        UpdateExpression:
          'SET leaseOwner = :run, leaseUntil = :until, occurrence = :occ, taskId = :task, #type = :type',
        ConditionExpression:
          'attribute_not_exists(leaseOwner) OR leaseUntil < :now OR leaseOwner = :run',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':run': runId,
          ':until': until,
          ':now': now,
          ':occ': occurrence,
          ':task': taskId,
          ':type': 'taskOccurrence',
        },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return ifConditionFails(
      take.then((out): LeaseResult => {
        const previous = out.Attributes?.leaseOwner as string | undefined;
        return {
          acquired: true,
          ...(previous && previous !== runId ? { expiredOwner: previous } : {}),
          ...(out.Attributes ? {} : { fresh: true }),
        };
      }),
      async (): Promise<LeaseResult> => {
        const item = await getItem(this.db, this.table, key, { consistent: true });
        return { acquired: false, owner: (item?.leaseOwner as string | undefined) ?? 'unknown' };
      },
    );
  }

  async release(
    tenantId: string,
    taskId: string,
    occurrence: string,
    runId: string,
    finished?: string,
  ): Promise<void> {
    // Our lease expired and another run took it: its state is the one to keep, nothing is written.
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.occurrence(tenantId, taskId, occurrence),
          UpdateExpression: `REMOVE leaseOwner, leaseUntil${finished ? ' SET finishedAt = :at, finishedBy = :run' : ''}`,
          ConditionExpression: 'leaseOwner = :run',
          ExpressionAttributeValues: { ':run': runId, ...(finished ? { ':at': finished } : {}) },
        }),
      ),
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
