import { setTimeout as sleep } from 'node:timers/promises';
import {
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import {
  type BillingRecord,
  type ChainHead,
  ConflictError,
  type Invoice,
  type InvoiceFilter,
  type InvoiceRepository,
  type IssueState,
  type IssueWrite,
  type Page,
  type PageRequest,
  PreconditionFailedError,
} from '@sello/core';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keys, withoutKeys } from './keys.ts';
import { chainItems, toChainHead } from './verifactu-repository.ts';

/** Attempts before a hot series gives up (each failed attempt means another invoice got a number). */
const MAX_ATTEMPTS = 60;

/**
 * After a transaction lost a race (a counter or chain-head condition, or a conflict), waits a
 * jittered backoff that spreads concurrent issuers' retries; anything else, or too many attempts,
 * rethrows the error.
 */
async function backOffOrThrow(error: unknown, reasons: Array<string | undefined>, attempt: number) {
  const contended = reasons.some(
    (r) => r === 'ConditionalCheckFailed' || r === 'TransactionConflict',
  );
  if (!contended || attempt >= MAX_ATTEMPTS) throw error;
  await sleep(Math.random() * Math.min(200, 5 * 2 ** Math.min(attempt, 6)));
}

const toInvoice = (item: Record<string, unknown>): Invoice => {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as unknown as Invoice;
};

export class DynamoInvoiceRepository implements InvoiceRepository {
  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  private item(invoice: Invoice) {
    return {
      ...keys.invoice(invoice.tenantId, invoice.id),
      ...keys.invoiceByDate(
        invoice.tenantId,
        invoice.id,
        invoice.status === 'draft' ? undefined : invoice.issueDate,
      ),
      ...(invoice.status === 'draft'
        ? {}
        : keys.invoiceInInbox(
            invoice.customer.taxId,
            invoice.issueDate,
            invoice.tenantId,
            invoice.id,
          )),
      type: 'invoice',
      ...invoice,
    };
  }

  async create(invoice: Invoice): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: this.item(invoice),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  async get(tenantId: string, id: string): Promise<Invoice | undefined> {
    const { Item } = await this.db.send(
      new GetCommand({
        TableName: this.table,
        Key: keys.invoice(tenantId, id),
        ConsistentRead: true,
      }),
    );
    return Item ? toInvoice(Item) : undefined;
  }

  async list(tenantId: string, filter: InvoiceFilter & PageRequest): Promise<Page<Invoice>> {
    const { gsi1pk } = keys.invoiceByDate(tenantId, '', undefined);
    const conditions: string[] = [];
    const values: Record<string, unknown> = { ':pk': gsi1pk };
    const names: Record<string, string> = {};
    if (filter.status) {
      conditions.push('#status = :status');
      names['#status'] = 'status';
      values[':status'] = filter.status;
    }
    if (filter.customerId) {
      conditions.push('customerId = :customer');
      values[':customer'] = filter.customerId;
    }
    if (filter.series) {
      conditions.push('series = :series');
      values[':series'] = filter.series;
    }
    if (filter.taskId) {
      conditions.push('#source.taskId = :task');
      names['#source'] = 'source';
      values[':task'] = filter.taskId;
    }
    if (filter.from) {
      conditions.push('issueDate >= :from');
      values[':from'] = filter.from;
    }
    if (filter.to) {
      conditions.push('issueDate <= :to');
      values[':to'] = filter.to;
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
    return { items: (out.Items ?? []).map(toInvoice), ...(nextCursor ? { nextCursor } : {}) };
  }

  async updateDraft(next: Invoice): Promise<void> {
    await this.replace(next, 'draft');
  }

  async update(next: Invoice): Promise<void> {
    await this.replace(next);
  }

  private async replace(next: Invoice, mustBe?: 'draft') {
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.table,
          Item: this.item(next),
          ConditionExpression: `version = :previous${mustBe ? ' AND #status = :draft' : ''}`,
          ...(mustBe ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
          ExpressionAttributeValues: {
            ':previous': next.version - 1,
            ...(mustBe ? { ':draft': 'draft' } : {}),
          },
        }),
      );
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) {
        throw new PreconditionFailedError(
          `Invoice ${next.id} was changed by another request; read it again`,
        );
      }
      throw e;
    }
  }

  async issue(
    draft: Invoice,
    counter: { series: string; period: string },
    build: (state: IssueState) => IssueWrite,
    options: { chain?: boolean } = {},
  ): Promise<IssueWrite> {
    const counterKey = keys.seriesCounter(draft.tenantId, counter.series, counter.period);
    const headKey = keys.chainHead(draft.tenantId);
    for (let attempt = 1; ; attempt++) {
      const [{ Item }, head] = await Promise.all([
        this.db.send(
          new GetCommand({ TableName: this.table, Key: counterKey, ConsistentRead: true }),
        ),
        options.chain
          ? this.db.send(
              new GetCommand({ TableName: this.table, Key: headKey, ConsistentRead: true }),
            )
          : Promise.resolve({ Item: undefined }),
      ]);
      const chain = toChainHead(head.Item);
      const state: IssueState = {
        last: Number(Item?.last ?? 0),
        ...(Item?.lastIssueDate ? { lastIssueDate: String(Item.lastIssueDate) } : {}),
        ...(chain ? { chain } : {}),
      };
      const write = build(state);
      const issued = write.invoice;
      const items: NonNullable<TransactWriteCommandInput['TransactItems']> = [
        {
          // The counter moves only from the value we read: a concurrent issue that got there
          // first cancels this transaction, and we retry with the next number.
          Put: {
            TableName: this.table,
            Item: {
              ...counterKey,
              type: 'counter',
              last: state.last + 1,
              lastIssueDate: issued.issueDate,
              lastInvoiceId: issued.id,
            },
            ...(Item
              ? {
                  ConditionExpression: '#last = :last',
                  ExpressionAttributeNames: { '#last': 'last' },
                  ExpressionAttributeValues: { ':last': state.last },
                }
              : { ConditionExpression: 'attribute_not_exists(pk)' }),
          },
        },
        {
          Put: {
            TableName: this.table,
            Item: this.item(issued),
            ...(draft.version === 0
              ? { ConditionExpression: 'attribute_not_exists(pk)' }
              : {
                  ConditionExpression: '#status = :draft AND version = :version',
                  ExpressionAttributeNames: { '#status': 'status' },
                  ExpressionAttributeValues: { ':draft': 'draft', ':version': draft.version },
                }),
          },
        },
        ...(write.also ?? []).map((other) => ({
          Put: {
            TableName: this.table,
            Item: this.item(other),
            ConditionExpression: 'version = :previous',
            ExpressionAttributeValues: { ':previous': other.version - 1 },
          },
        })),
        ...(write.record
          ? chainItems(this.table, draft.tenantId, issued.id, chain, write.record)
          : []),
      ];
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return write;
      } catch (e) {
        if (!(e instanceof TransactionCanceledException)) throw e;
        const reasons = (e.CancellationReasons ?? []).map((r) => r.Code);
        const others = write.also?.length ?? 0;
        if (reasons[1] === 'ConditionalCheckFailed') {
          throw new ConflictError(`Invoice ${draft.id} was issued or changed by another request`);
        }
        if (reasons.slice(2, 2 + others).includes('ConditionalCheckFailed')) {
          throw new ConflictError(
            'An invoice this correction touches was changed by another request',
          );
        }
        // The counter or the chain head moved under us (or DynamoDB saw the items contended).
        await backOffOrThrow(e, reasons, attempt);
      }
    }
  }

  async updateWithRecord(
    next: Invoice,
    build: (chain: ChainHead | undefined) => BillingRecord,
  ): Promise<BillingRecord> {
    const headKey = keys.chainHead(next.tenantId);
    for (let attempt = 1; ; attempt++) {
      const { Item } = await this.db.send(
        new GetCommand({ TableName: this.table, Key: headKey, ConsistentRead: true }),
      );
      const chain = toChainHead(Item);
      const record = build(chain);
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.table,
                  Item: this.item(next),
                  ConditionExpression: 'version = :previous',
                  ExpressionAttributeValues: { ':previous': next.version - 1 },
                },
              },
              ...chainItems(this.table, next.tenantId, next.id, chain, record),
            ],
          }),
        );
        return record;
      } catch (e) {
        if (!(e instanceof TransactionCanceledException)) throw e;
        const reasons = (e.CancellationReasons ?? []).map((r) => r.Code);
        if (reasons[0] === 'ConditionalCheckFailed') {
          throw new PreconditionFailedError(`Invoice ${next.id} was changed by another request`);
        }
        await backOffOrThrow(e, reasons, attempt);
      }
    }
  }
}
