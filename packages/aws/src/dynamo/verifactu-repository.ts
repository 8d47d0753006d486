import { setTimeout as sleep } from 'node:timers/promises';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import {
  type BatchResult,
  type BillingRecord,
  type ChainHead,
  ConflictError,
  INITIAL_SENDER_STATE,
  linkOf,
  type Page,
  type PageRequest,
  type RegistroAlta,
  type RemedyRepository,
  type RemedyTarget,
  type SenderLease,
  type SenderState,
  type StoredRecord,
  type SubmissionBatch,
  type SubmissionRepository,
  type SubmitterCertificate,
  type SubmitterCertificateRepository,
  type VerifactuRepository,
} from '@sello/core';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { verifactuKeys } from './keys/verifactu.ts';
import { keys, withoutKeys } from './keys.ts';

/**
 * The two writes that append a record to a tenant's chain, for a transaction: the new head,
 * conditioned on the head read (so two records can never follow the same one: no forks), and the
 * record under the next sequence number (so none is ever overwritten: no gaps). The head also
 * puts the tenant in the sender's sparse index of tenants with records to send.
 */
export function chainItems(
  table: string,
  tenantId: string,
  invoiceId: string,
  head: ChainHead | undefined,
  record: BillingRecord,
  /** The record this one corrects (a subsanación). */
  remedyOf?: number,
) {
  const seq = (head?.seq ?? 0) + 1;
  const stored: StoredRecord = {
    tenantId,
    seq,
    invoiceId,
    record,
    generatedAt: record.FechaHoraHusoGenRegistro,
    submission: { state: 'pending' },
    ...(remedyOf !== undefined ? { remedyOf } : {}),
  };
  return [
    {
      Put: {
        TableName: table,
        Item: {
          ...keys.chainHead(tenantId),
          ...keys.tenantWithPendingRecords(tenantId),
          type: 'chainHead',
          seq,
          link: linkOf(record),
        },
        ...(head
          ? { ConditionExpression: 'seq = :seq', ExpressionAttributeValues: { ':seq': head.seq } }
          : { ConditionExpression: 'attribute_not_exists(pk)' }),
      },
    },
    {
      Put: {
        TableName: table,
        Item: {
          ...keys.chainRecord(tenantId, seq),
          ...keys.chainRecordOfInvoice(tenantId, invoiceId, seq),
          type: 'billingRecord',
          ...stored,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  ];
}

/** The chain head as stored (see `chainItems`), or undefined for a tenant with no record yet. */
export const toChainHead = (item: Record<string, unknown> | undefined): ChainHead | undefined =>
  item ? { seq: Number(item.seq), link: item.link as ChainHead['link'] } : undefined;

const toStored = (item: Record<string, unknown>): StoredRecord => {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as StoredRecord;
};

const conditionFailed = (e: unknown) =>
  (e as { name?: unknown }).name === 'ConditionalCheckFailedException';

/** Attempts of a correction against a busy chain head (each loss means another record went in). */
const MAX_REMEDY_ATTEMPTS = 30;

/**
 * Records updated at once when a batch's answers are copied onto them. They share one partition
 * (about 4 WCU each), so a 1,000-record batch may meet throttling; the SDK retries, and a run that
 * still fails leaves the batch to be applied again by the next run (see submitPending).
 */
const APPLY_CONCURRENCY = 10;
/** Below DynamoDB's 400 KB item limit, with room for the attribute names. */
const BATCH_ITEM_BUDGET = 350_000;

/**
 * A batch as stored: the seqs in request order, and only the answers that are not plain
 * acceptances, with each distinct error text once. A 1,000-record batch whose lines all repeat one
 * AEAT message stays a few kilobytes; AEAT's texts are up to 1,500 characters.
 */
function batchItem(batch: SubmissionBatch) {
  const { results, ...rest } = batch;
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const textOf = (t: string) => {
    let i = textIndex.get(t);
    if (i === undefined) {
      i = texts.push(t) - 1;
      textIndex.set(t, i);
    }
    return i;
  };
  const issues = results.flatMap((r, i) =>
    r.state === 'accepted' && !r.errors && !r.alreadyRegistered
      ? []
      : [
          {
            i,
            state: r.state,
            ...(r.errors
              ? { errors: r.errors.map((e) => ({ code: e.code, text: textOf(e.description) })) }
              : {}),
            ...(r.alreadyRegistered ? { alreadyRegistered: r.alreadyRegistered } : {}),
          },
        ],
  );
  const item = {
    ...keys.submissionBatch(batch.tenantId, batch.id),
    type: 'verifactuBatch',
    ...rest,
    seqs: results.map((r) => r.seq),
    issues,
    texts,
  };
  // Every record keeps its full text; only the batch's copy is shortened, and only if needed.
  if (JSON.stringify(item).length > BATCH_ITEM_BUDGET) {
    item.texts = texts.map((t) => (t.length > 200 ? `${t.slice(0, 199)}…` : t));
  }
  return item;
}

function fromBatchItem(item: Record<string, unknown>): SubmissionBatch {
  const {
    type: _type,
    seqs,
    issues,
    texts,
    ...rest
  } = withoutKeys(item) as Record<string, unknown> & {
    seqs: number[];
    issues: Array<{
      i: number;
      state: BatchResult['state'];
      errors?: Array<{ code: string; text: number }>;
      alreadyRegistered?: BatchResult['alreadyRegistered'];
    }>;
    texts: string[];
  };
  const byIndex = new Map(issues.map((x) => [Number(x.i), x]));
  const results = seqs.map((seq, i): BatchResult => {
    const issue = byIndex.get(i);
    if (!issue) return { seq: Number(seq), state: 'accepted' };
    return {
      seq: Number(seq),
      state: issue.state,
      ...(issue.errors
        ? {
            errors: issue.errors.map((e) => ({
              code: e.code,
              description: texts[Number(e.text)] ?? '',
            })),
          }
        : {}),
      ...(issue.alreadyRegistered ? { alreadyRegistered: issue.alreadyRegistered } : {}),
    };
  });
  return {
    ...(rest as unknown as Omit<SubmissionBatch, 'results'>),
    tiempoEsperaEnvio: Number(rest.tiempoEsperaEnvio),
    lastSubmittedSeq: Number(rest.lastSubmittedSeq),
    results,
  };
}

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

export class DynamoVerifactuRepository
  implements
    VerifactuRepository,
    SubmissionRepository,
    RemedyRepository,
    SubmitterCertificateRepository
{
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  async head(tenantId: string): Promise<ChainHead | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.chainHead(tenantId),
        ConsistentRead: true,
      }),
    );
    return toChainHead(Item);
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<StoredRecord>> {
    const { pk, skPrefix } = keys.chainRecordPrefix(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { pk, sk: { prefix: skPrefix } }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return { items: (out.Items ?? []).map(toStored), ...(nextCursor ? { nextCursor } : {}) };
  }

  async ofInvoice(tenantId: string, invoiceId: string): Promise<StoredRecord[]> {
    const { gsi1pk } = keys.chainRecordOfInvoice(tenantId, invoiceId, 0);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi1',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi1pk },
      }),
    );
    return (out.Items ?? []).map(toStored);
  }

  // --- Submission to AEAT -------------------------------------------------------------------

  async tenantsWithPending(cursor?: string): Promise<Page<string>> {
    const { gsi2pk } = keys.tenantsWithPendingRecords();
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        IndexName: 'gsi2',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': gsi2pk },
        ProjectionExpression: 'gsi2sk',
        Limit: 200,
        ExclusiveStartKey: decodeCursor(cursor, { gsi2pk }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return {
      items: (out.Items ?? []).map((i) => String(i.gsi2sk)),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  async claim(tenantId: string, lease: SenderLease): Promise<SenderState | undefined> {
    try {
      const { Attributes } = await this.db.send(
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
      return senderState(Attributes);
    } catch (e) {
      if (conditionFailed(e)) return undefined;
      throw e;
    }
  }

  async saveState(
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
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.recordSender(tenantId),
          UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''}`,
          ConditionExpression: 'leaseToken = :token',
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (e) {
      if (conditionFailed(e)) return false;
      throw e;
    }
  }

  async pending(tenantId: string, afterSeq: number, limit: number): Promise<StoredRecord[]> {
    const out: StoredRecord[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      const page = await this.db.send(
        new QueryCommand({
          TableName: this.table,
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
          FilterExpression: '#sub.#state = :pending',
          ExpressionAttributeNames: { '#sub': 'submission', '#state': 'state' },
          ExpressionAttributeValues: {
            ':pk': keys.chainRecord(tenantId, afterSeq + 1).pk,
            ':from': keys.chainRecord(tenantId, afterSeq + 1).sk,
            ':to': keys.chainRecord(tenantId, 999_999_999_999).sk,
            ':pending': 'pending',
          },
          ConsistentRead: true,
          ExclusiveStartKey: start,
        }),
      );
      out.push(...(page.Items ?? []).map(toStored));
      start = page.LastEvaluatedKey;
    } while (start && out.length < limit);
    return out.slice(0, limit);
  }

  async refuse(
    tenantId: string,
    seq: number,
    submission: StoredRecord['submission'],
  ): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.chainRecord(tenantId, seq),
          UpdateExpression: 'SET submission = :s',
          // Only a record still pending: an answer that arrived meanwhile stands.
          ConditionExpression: '#sub.#state = :pending',
          ExpressionAttributeNames: { '#sub': 'submission', '#state': 'state' },
          ExpressionAttributeValues: { ':s': submission, ':pending': 'pending' },
        }),
      )
      .catch((e: unknown) => {
        if (!conditionFailed(e)) throw e;
      });
  }

  async saveBatch(batch: SubmissionBatch): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: batchItem(batch),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
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
    const { pk, skPrefix } = keys.submissionBatchPrefix(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ScanIndexForward: false,
        Limit: 1,
        ConsistentRead: true,
      }),
    );
    const item = out.Items?.[0];
    return item ? fromBatchItem(item) : undefined;
  }

  async batches(tenantId: string, page: PageRequest): Promise<Page<SubmissionBatch>> {
    const { pk, skPrefix } = keys.submissionBatchPrefix(tenantId);
    const out = await this.db.send(
      new QueryCommand({
        TableName: this.table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ScanIndexForward: false,
        Limit: page.limit,
        ExclusiveStartKey: decodeCursor(page.cursor, { pk, sk: { prefix: skPrefix } }),
      }),
    );
    const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
    return {
      items: (out.Items ?? []).map(fromBatchItem),
      ...(nextCursor ? { nextCursor } : {}),
    };
  }

  async settle(tenantId: string, headSeq: number): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.chainHead(tenantId),
          UpdateExpression: 'REMOVE gsi2pk, gsi2sk',
          // A record appended meanwhile moved the head: the tenant stays in the index for it.
          ConditionExpression: 'seq = :seq',
          ExpressionAttributeValues: { ':seq': headSeq },
        }),
      )
      .catch((e: unknown) => {
        if (!conditionFailed(e)) throw e;
      });
  }

  // --- Corrections (subsanación) --------------------------------------------------------------

  async appendRemedy(
    target: RemedyTarget,
    build: (head: ChainHead | undefined) => RegistroAlta,
  ): Promise<StoredRecord> {
    const { tenantId, invoiceId, invoiceVersion, remediedSeq } = target;
    for (let attempt = 1; ; attempt++) {
      const head = await this.head(tenantId);
      const record = build(head);
      const [headPut, recordPut] = chainItems(
        this.table,
        tenantId,
        invoiceId,
        head,
        record,
        remediedSeq,
      );
      const seq = (head?.seq ?? 0) + 1;
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              headPut!,
              recordPut!,
              {
                // The corrected record: still answered as needing a correction, and not
                // corrected by a concurrent request (one correction per rejected record).
                Update: {
                  TableName: this.table,
                  Key: keys.chainRecord(tenantId, remediedSeq),
                  UpdateExpression: 'SET remediedBy = :seq',
                  ConditionExpression:
                    'attribute_exists(pk) AND attribute_not_exists(remediedBy) AND #sub.#state IN (:rejected, :withErrors)',
                  ExpressionAttributeNames: { '#sub': 'submission', '#state': 'state' },
                  ExpressionAttributeValues: {
                    ':seq': seq,
                    ':rejected': 'rejected',
                    ':withErrors': 'acceptedWithErrors',
                  },
                },
              },
              {
                // The invoice as read: a void or a corrective meanwhile would come before this
                // correction in the chain, and a correction after an annulment revives it at AEAT.
                ConditionCheck: {
                  TableName: this.table,
                  Key: keys.invoice(tenantId, invoiceId),
                  ConditionExpression: 'version = :version',
                  ExpressionAttributeValues: { ':version': invoiceVersion },
                },
              },
            ],
          }),
        );
        return toStored(recordPut!.Put.Item);
      } catch (e) {
        if (!(e instanceof TransactionCanceledException)) throw e;
        const reasons = (e.CancellationReasons ?? []).map((r) => r.Code);
        if (reasons[2] === 'ConditionalCheckFailed') {
          throw new ConflictError(
            `Record ${remediedSeq} of invoice ${invoiceId} was corrected by another request`,
          );
        }
        if (reasons[3] === 'ConditionalCheckFailed') {
          throw new ConflictError(`Invoice ${invoiceId} was changed by another request`);
        }
        const contended = reasons.some(
          (r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict',
        );
        if (!contended || attempt >= MAX_REMEDY_ATTEMPTS) throw e;
        await sleep(Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6)));
      }
    }
  }

  // --- The certificate that presents the tenant's records to AEAT ------------------------------

  async submitterCertificate(tenantId: string): Promise<SubmitterCertificate | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: verifactuKeys.submitterCertificate(tenantId),
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const { type: _type, ...rest } = withoutKeys(Item);
    return rest as unknown as SubmitterCertificate;
  }

  async putSubmitterCertificate(
    tenantId: string,
    certificate: SubmitterCertificate,
  ): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...verifactuKeys.submitterCertificate(tenantId),
          type: 'verifactuSubmitterCertificate',
          ...certificate,
        },
      }),
    );
  }
}
