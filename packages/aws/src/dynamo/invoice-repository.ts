import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { PreconditionFailedError } from '@sello/core/errors';
import type {
  DepositChange,
  DraftDeletion,
  Invoice,
  InvoiceFilter,
  InvoiceRepository,
  IssueWrite,
} from '@sello/core/invoices';
import type { Page, PageRequest } from '@sello/core/shared';
import type { BillingRecord, ChainHead } from '@sello/core/verifactu';
import { depositChangeItem, depositsLost } from './deposit-changes.ts';
import { invoiceItem, toInvoice } from './invoice-item.ts';
import { keys } from './keys.ts';
import { BatchedNumbering, backOffOrThrow } from './numbering.ts';
import {
  atVersion,
  Cancellation,
  changedMeanwhile,
  deleteIf,
  getItem,
  ListFilter,
  putIf,
  putNew,
  queryPage,
  type SortKeyCondition,
  TableAdapter,
  type TransactItem,
  transactWrite,
} from './toolkit/index.ts';
import { chainItems, readChainHead } from './verifactu/chain.ts';

/**
 * Runs the work given for one key one at a time, in arrival order. Issues of a series (of a
 * tenant's chain, when records are chained) all move one counter: in one container they take
 * turns instead of racing each other's transactions and retrying. Containers still race, which
 * the transaction conditions settle; a Lambda container serves one request at a time anyway.
 */
class Turns {
  private readonly last = new Map<string, Promise<void>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.last.get(key) ?? Promise.resolve();
    const mine = before.then(work);
    const done = mine.then(
      () => {},
      () => {},
    );
    this.last.set(key, done);
    void done.then(() => {
      if (this.last.get(key) === done) this.last.delete(key);
    });
    return mine;
  }
}

export class DynamoInvoiceRepository
  extends TableAdapter
  implements InvoiceRepository, DraftDeletion
{
  private readonly turns = new Turns();
  private readonly numbering = new BatchedNumbering(this.db, this.table);

  async create(invoice: Invoice): Promise<void> {
    await putNew(this.db, this.table, invoiceItem(invoice));
  }

  async get(tenantId: string, id: string): Promise<Invoice | undefined> {
    const item = await getItem(this.db, this.table, keys.invoice(tenantId, id), {
      consistent: true,
    });
    return item && toInvoice(item);
  }

  list(tenantId: string, filter: InvoiceFilter & PageRequest): Promise<Page<Invoice>> {
    const { gsi1pk } = keys.invoiceByDate(tenantId, '', undefined);
    const where = new ListFilter()
      .where('status', '=', filter.status)
      .where('customerId', '=', filter.customerId)
      .where('series', '=', filter.series)
      .where('source.taskId', '=', filter.taskId)
      .where('issueDate', '>=', filter.from)
      .where('issueDate', '<=', filter.to);
    // The index sorts by `<issueDate>#<id>` (drafts under DRAFT#): a period is a key range, so
    // DynamoDB reads only the period rather than filtering the tenant's whole history.
    const sort: SortKeyCondition | undefined =
      filter.from || filter.to
        ? { between: [filter.from ?? '0000-01-01', `${filter.to ?? '9999-12-31'}#\uffff`] }
        : undefined;
    return queryPage(
      this.db,
      {
        table: this.table,
        partition: { gsi1pk },
        ...(sort ? { sort } : {}),
        filter: where,
        newestFirst: true,
      },
      filter,
      toInvoice,
    );
  }

  async updateDraft(next: Invoice): Promise<void> {
    await putIf(
      this.db,
      this.table,
      invoiceItem(next),
      atVersion(next.version - 1, { status: 'draft' }),
      changedMeanwhile(`Invoice ${next.id}`),
    );
  }

  async deleteDraft(draft: Invoice): Promise<void> {
    await deleteIf(
      this.db,
      this.table,
      keys.invoice(draft.tenantId, draft.id),
      atVersion(draft.version, { status: 'draft' }),
      () =>
        new PreconditionFailedError(
          `Invoice ${draft.id} was changed or issued by another request; read it again`,
        ),
    );
  }

  async update(next: Invoice, deposits: readonly DepositChange[] = []): Promise<void> {
    if (!deposits.length) {
      await putIf(
        this.db,
        this.table,
        invoiceItem(next),
        atVersion(next.version - 1),
        changedMeanwhile(`Invoice ${next.id}`),
      );
      return;
    }
    const invoice: TransactItem = {
      Put: { TableName: this.table, Item: invoiceItem(next), ...atVersion(next.version - 1) },
    };
    const changes = deposits.map((c) =>
      depositChangeItem(this.table, next.tenantId, c, next.updatedAt),
    );
    await transactWrite(this.db, [invoice, ...changes], (why) =>
      why.failed(0)
        ? new PreconditionFailedError(`Invoice ${next.id} was changed by another request`)
        : depositsLost(deposits.filter((_, i) => why.failed(i + 1))),
    );
  }

  issue(...args: Parameters<InvoiceRepository['issue']>): Promise<IssueWrite> {
    return this.numbering.issue(...args);
  }

  updateWithRecord(
    next: Invoice,
    build: (chain: ChainHead | undefined) => BillingRecord,
  ): Promise<BillingRecord> {
    const headKey = keys.chainHead(next.tenantId);
    return this.turns.run(`${headKey.pk}#${headKey.sk}`, () =>
      this.updateWithRecordInTurn(next, build),
    );
  }

  private async updateWithRecordInTurn(
    next: Invoice,
    build: (chain: ChainHead | undefined) => BillingRecord,
  ): Promise<BillingRecord> {
    for (let attempt = 1; ; attempt++) {
      const chain = await readChainHead(this.db, this.table, next.tenantId);
      const record = build(chain);
      try {
        await this.db.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: this.table,
                  Item: invoiceItem(next),
                  ...atVersion(next.version - 1),
                },
              },
              ...chainItems(this.table, next.tenantId, next.id, chain, record),
            ],
          }),
        );
        return record;
      } catch (e) {
        const why = Cancellation.of(e);
        if (!why) throw e;
        if (why.failed(0)) {
          throw new PreconditionFailedError(`Invoice ${next.id} was changed by another request`);
        }
        await backOffOrThrow(e, why, attempt);
      }
    }
  }
}
