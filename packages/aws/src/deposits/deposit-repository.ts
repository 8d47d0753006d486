import type { Deposit, DepositListQuery, DepositRepository } from '@sello/core/deposits';
import type { Page } from '@sello/core/shared';
import { keys } from '../dynamo/keys.ts';
import {
  batchGet,
  deleteImported,
  fromItem,
  getItem,
  ListFilter,
  putAllNew,
  queryAll,
  queryPage,
  type SortKeyCondition,
  TableAdapter,
} from '../dynamo/toolkit/index.ts';

const toDeposit = (item: Record<string, unknown>) => fromItem<Deposit>(item);

/**
 * Deposits, one item each under (tenant, reference), listed by payment instant for the tenant
 * (gsi1) and for each customer (gsi2). New ones are written by `putAllNew` (conditional Puts in
 * transactions of 100), so a payment notified again never overwrites a deposit already invoiced.
 */
export class DynamoDepositRepository extends TableAdapter implements DepositRepository {
  private item(d: Deposit) {
    return {
      ...keys.deposit(d.tenantId, d.reference),
      ...keys.depositByPayment(d.tenantId, d.paidAt, d.reference),
      ...keys.depositOfCustomer(d.tenantId, d.customerId, d.paidAt, d.reference),
      type: 'deposit',
      ...d,
    };
  }

  async getMany(tenantId: string, references: readonly string[]): Promise<Deposit[]> {
    const items = await batchGet(
      this.db,
      this.table,
      references.map((r) => keys.deposit(tenantId, r)),
      { consistent: true, what: 'deposits' },
    );
    return items.map(toDeposit);
  }

  async get(tenantId: string, reference: string): Promise<Deposit | undefined> {
    const item = await getItem(this.db, this.table, keys.deposit(tenantId, reference), {
      consistent: true,
    });
    return item && toDeposit(item);
  }

  async createNew(deposits: readonly Deposit[]): Promise<{ taken: string[] }> {
    const taken = await putAllNew(this.db, this.table, deposits, {
      item: (d) => this.item(d),
      reference: (d) => d.reference,
    });
    return { taken };
  }

  takeBack(tenantId: string, references: readonly string[], importId: string): Promise<void> {
    const written = references.map((r) => keys.deposit(tenantId, r));
    return deleteImported(this.db, this.table, written, importId, 'uninvoiced');
  }

  async uninvoicedBefore(tenantId: string, customerId: string, before: string): Promise<Deposit[]> {
    const items = await queryAll(this.db, {
      table: this.table,
      partition: { gsi2pk: keys.depositOfCustomer(tenantId, customerId, '', '').gsi2pk },
      // `<paidAt>#<reference>` below the instant: every payment before it (one at it sorts after).
      sort: { below: new Date(before).toISOString() },
      filter: new ListFilter().where('status', '=', 'uninvoiced'),
    });
    return items.map(toDeposit);
  }

  list(tenantId: string, query: DepositListQuery): Promise<Page<Deposit>> {
    const partition: Record<string, string> = query.customerId
      ? { gsi2pk: keys.depositOfCustomer(tenantId, query.customerId, '', '').gsi2pk }
      : { gsi1pk: keys.depositByPayment(tenantId, '', '').gsi1pk };
    const filter = new ListFilter().where('status', '=', query.status);
    // Sort keys are `<paidAt>#<reference>`: a day's range runs from its first instant to past
    // its last one ('~' sorts after every character of an instant and of `#`).
    const from = query.from && `${query.from}T00:00:00`;
    const to = query.to && `${query.to}T23:59:59.999Z~`;
    const sort: SortKeyCondition | undefined =
      from && to
        ? { between: [from, to] }
        : from
          ? { atLeast: from }
          : to
            ? { below: to }
            : undefined;
    return queryPage(
      this.db,
      { table: this.table, partition, ...(sort ? { sort } : {}), filter, newestFirst: true },
      query,
      toDeposit,
    );
  }
}
