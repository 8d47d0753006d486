import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Page, PageRequest } from '@sello/core/shared';
import {
  type ChainHead,
  INITIAL_SENDER_STATE,
  type SenderLease,
  type SenderState,
  type StoredRecord,
  type SubmissionBatch,
  type SubmissionRepository,
} from '@sello/core/verifactu';
import { keys } from '../keys.ts';
import {
  ifConditionFails,
  ListFilter,
  prefixQuery,
  putNew,
  queryFirst,
  queryPage,
  queryPages,
  TableAdapter,
  written,
} from '../toolkit/index.ts';
import { batchItem, fromBatchItem } from './batch-item.ts';
import { readChainHead, toStored } from './chain.ts';

/**
 * Records updated at once when a batch's answers are copied onto them. They share one partition
 * (about 4 WCU each), so a 1,000-record batch may meet throttling; the SDK retries, and a run that
 * still fails leaves the batch to be applied again by the next run (see submitPending).
 */
const APPLY_CONCURRENCY = 10;

function senderState(item: Record<string, unknown> | undefined): SenderState {
  if (!item) return { ...INITIAL_SENDER_STATE };
  return {
    lastSubmittedSeq: Number(item.lastSubmittedSeq ?? 0),
    nextAllowedAt: String(item.nextAllowedAt ?? INITIAL_SENDER_STATE.nextAllowedAt),
    ...(item.pendingSince ? { pendingSince: String(item.pendingSince) } : {}),
    ...(item.lastBatchId ? { lastBatchId: String(item.lastBatchId) } : {}),
    ...(item.lastFault ? { lastFault: item.lastFault as SenderState['lastFault'] } : {}),
    ...(item.unanswered
      ? {
          unanswered: {
            fromSeq: Number((item.unanswered as Record<string, unknown>).fromSeq),
            toSeq: Number((item.unanswered as Record<string, unknown>).toSeq),
          },
        }
      : {}),
  };
}

/**
 * Submission to AEAT: the tenants with records to send, each tenant's sender (its lease and flow
 * control), the records still pending, and the batches sent with AEAT's answers.
 */
export class DynamoSubmissionRepository extends TableAdapter implements SubmissionRepository {
  head(tenantId: string): Promise<ChainHead | undefined> {
    return readChainHead(this.db, this.table, tenantId);
  }

  tenantsWithPending(cursor?: string): Promise<Page<string>> {
    const { gsi2pk } = keys.tenantsWithPendingRecords();
    return queryPage(
      this.db,
      { table: this.table, partition: { gsi2pk }, projection: ['gsi2sk'] },
      { limit: 200, cursor },
      (item) => String(item.gsi2sk),
    );
  }

  claim(tenantId: string, lease: SenderLease): Promise<SenderState | undefined> {
    const take = this.db.send(
      new UpdateCommand({
        TableName: this.table,
        Key: keys.recordSender(tenantId),
        UpdateExpression: 'SET #type = :type, leaseToken = :token, leaseUntil = :until',
        ConditionExpression: 'attribute_not_exists(leaseUntil) OR leaseUntil < :now',
        ExpressionAttributeNames: { '#type': 'type' },
        ExpressionAttributeValues: {
          ':type': 'recordSender',
          ':token': lease.token,
          ':until': lease.until,
          ':now': lease.now,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    // Another run holds an unexpired lease: undefined.
    return ifConditionFails(
      take.then(({ Attributes }) => senderState(Attributes)),
      () => undefined,
    );
  }

  saveState(
    tenantId: string,
    token: string,
    state: SenderState,
    release: boolean,
  ): Promise<boolean> {
    const set = ['lastSubmittedSeq = :seq', 'nextAllowedAt = :next'];
    const remove: string[] = release ? ['leaseToken', 'leaseUntil'] : [];
    const values: Record<string, unknown> = {
      ':seq': state.lastSubmittedSeq,
      ':next': state.nextAllowedAt,
      ':token': token,
    };
    const optional = {
      pendingSince: state.pendingSince,
      lastBatchId: state.lastBatchId,
      lastFault: state.lastFault,
      unanswered: state.unanswered,
    };
    for (const [name, value] of Object.entries(optional)) {
      if (value === undefined) remove.push(name);
      else {
        set.push(`${name} = :${name}`);
        values[`:${name}`] = value;
      }
    }
    // The lease was lost (expired and taken by another run): false, nothing written.
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.recordSender(tenantId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: 'leaseToken = :token',
          ExpressionAttributeValues: values,
        }),
      ),
    );
  }

  async pending(tenantId: string, afterSeq: number, limit: number): Promise<StoredRecord[]> {
    const first = keys.chainRecord(tenantId, afterSeq + 1);
    const pages = queryPages(this.db, {
      table: this.table,
      partition: { pk: first.pk },
      sort: { between: [first.sk, keys.chainRecord(tenantId, 999_999_999_999).sk] },
      filter: new ListFilter().where('submission.state', '=', 'pending'),
      consistent: true,
    });
    const out: StoredRecord[] = [];
    for await (const items of pages) {
      out.push(...items.map(toStored));
      if (out.length >= limit) break;
    }
    return out.slice(0, limit);
  }

  async refuse(
    tenantId: string,
    seq: number,
    submission: StoredRecord['submission'],
  ): Promise<void> {
    // Only a record still pending: an answer that arrived meanwhile stands.
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.chainRecord(tenantId, seq),
          UpdateExpression: 'SET submission = :s',
          ConditionExpression: '#sub.#state = :pending',
          ExpressionAttributeNames: { '#sub': 'submission', '#state': 'state' },
          ExpressionAttributeValues: { ':s': submission, ':pending': 'pending' },
        }),
      ),
    );
  }

  async saveBatch(batch: SubmissionBatch): Promise<void> {
    await putNew(this.db, this.table, batchItem(batch));
  }

  async applyBatch(batch: SubmissionBatch): Promise<void> {
    const answered = batch.results.filter((r) => r.state !== 'pending');
    let next = 0;
    const worker = async () => {
      while (next < answered.length) {
        const r = answered[next++]!;
        const submission: StoredRecord['submission'] = {
          state: r.state,
          // A record settled from a duplicate answer was registered by an earlier request, whose
          // CSV was lost; this batch's CSV is not its receipt.
          ...(batch.csv && !r.alreadyRegistered ? { csv: batch.csv } : {}),
          ...(r.errors ? { errors: r.errors } : {}),
          ...(r.alreadyRegistered ? { alreadyRegistered: r.alreadyRegistered } : {}),
          at: batch.sentAt,
        };
        await this.db.send(
          new UpdateCommand({
            TableName: this.table,
            Key: keys.chainRecord(batch.tenantId, r.seq),
            UpdateExpression: 'SET submission = :s',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':s': submission },
          }),
        );
      }
    };
    await Promise.all(Array.from({ length: APPLY_CONCURRENCY }, worker));
  }

  async latestBatch(tenantId: string): Promise<SubmissionBatch | undefined> {
    const item = await queryFirst(
      this.db,
      prefixQuery(this.table, keys.submissionBatchPrefix(tenantId), {
        newestFirst: true,
        consistent: true,
      }),
    );
    return item && fromBatchItem(item);
  }

  batches(tenantId: string, page: PageRequest): Promise<Page<SubmissionBatch>> {
    const query = prefixQuery(this.table, keys.submissionBatchPrefix(tenantId), {
      newestFirst: true,
    });
    return queryPage(this.db, query, page, fromBatchItem);
  }

  async settle(tenantId: string, headSeq: number): Promise<void> {
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.chainHead(tenantId),
          UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
          // A record appended meanwhile moved the head: the tenant stays in the index for it.
          ConditionExpression: 'seq = :seq',
          ExpressionAttributeValues: { ':seq': headSeq },
        }),
      ),
    );
  }
}
