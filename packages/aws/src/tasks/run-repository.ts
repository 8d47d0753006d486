import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type {
  LeaseResult,
  OccurrenceState,
  Page,
  PageRequest,
  TaskRun,
  TaskRunRepository,
} from '@sello/core';
import { decodeCursor, encodeCursor } from '../dynamo/cursor.ts';
import { keys, withoutKeys } from '../dynamo/keys.ts';

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
export class DynamoTaskRunRepository implements TaskRunRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async acquire(
    tenantId: string,
    taskId: string,
    occurrence: string,
    runId: string,
    now: string,
    until: string,
  ): Promise<LeaseResult> {
    const key = keys.occurrence(tenantId, taskId, occurrence);
    try {
      const out = await this.db.send(
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
      const previous = out.Attributes?.leaseOwner as string | undefined;
      return {
        acquired: true,
        ...(previous && previous !== runId ? { expiredOwner: previous } : {}),
        ...(out.Attributes ? {} : { fresh: true }),
      };
    } catch (e) {
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.table, Key: key, ConsistentRead: true }),
      );
      return { acquired: false, owner: (Item?.leaseOwner as string | undefined) ?? 'unknown' };
    }
  }

  async release(
    tenantId: string,
    taskId: string,
    occurrence: string,
    runId: string,
    finished?: string,
  ): Promise<void> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.occurrence(tenantId, taskId, occurrence),
          UpdateExpression: `REMOVE leaseOwner, leaseUntil${finished ? ' SET finishedAt = :at, finishedBy = :run' : ''}`,
          ConditionExpression: 'leaseOwner = :run',
          ExpressionAttributeValues: { ':run': runId, ...(finished ? { ':at': finished } : {}) },
        }),
      );
    } catch (e) {
      // Our lease expired and another run took it: its state is the one to keep.
      if (!(e instanceof ConditionalCheckFailedException)) throw e;
    }
  }

  async latestFinished(
    tenantId: string,
    taskId: string,
    after: string,
    before: string,
  ): Promise<string | undefined> {
    const prefix = keys.occurrencePrefix(tenantId, taskId);
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          FilterExpression: 'attribute_exists(finishedAt) AND occurrence < :before',
          ExpressionAttributeValues: {
            ':pk': prefix.pk,
            ':from': `${prefix.skPrefix}${after}`,
            ':to': `${prefix.skPrefix}${before}`,
            ':before': before,
          },
          ScanIndexForward: false,
          Limit: 50,
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      const found = out.Items?.[0];
      if (found) return found.occurrence as string;
      start = out.LastEvaluatedKey;
    } while (start);
    return undefined;
  }

  async states(
    tenantId: string,
    taskId: string,
    from: string,
    to: string,
  ): Promise<OccurrenceState[]> {
    const prefix = keys.occurrencePrefix(tenantId, taskId);
    const states: OccurrenceState[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const out = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          ExpressionAttributeValues: {
            ':pk': prefix.pk,
            ':from': `${prefix.skPrefix}${from}`,
            ':to': `${prefix.skPrefix}${to}`,
          },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      states.push(...(out.Items ?? []).map(toState));
      start = out.LastEvaluatedKey;
    } while (start);
    return states;
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
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.taskRun(tenantId, taskId, occurrence, runId),
        ConsistentRead: true,
      }),
    );
    return Item ? toRun(Item) : undefined;
  }

  async list(
    tenantId: string,
    taskId: string,
    page: PageRequest & { occurrence?: string },
  ): Promise<Page<TaskRun>> {
    const prefix = keys.taskRunPrefix(tenantId, taskId, page.occurrence);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': prefix.pk, ':prefix': prefix.skPrefix },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, {
          pk: prefix.pk,
          sk: { prefix: prefix.skPrefix },
        }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return { items: (out.Items ?? []).map(toRun), ...(nextCursor ? { nextCursor } : {}) };
  }
}

function toRun(item: Record<string, unknown>): TaskRun {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as TaskRun;
}
