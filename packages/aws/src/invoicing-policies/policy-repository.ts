import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type {
  InvoicingPolicy,
  InvoicingPolicyRepository,
  PolicyLease,
  PolicyRun,
  PolicyRunRepository,
} from '@sello/core/invoicing-policies';
import type { Page, PageRequest } from '@sello/core/shared';
import { keys } from '../dynamo/keys.ts';
import {
  batchGet,
  fromItem,
  getItem,
  giveUpLease,
  prefixQuery,
  queryPage,
  TableAdapter,
  takeLease,
} from '../dynamo/toolkit/index.ts';

const toPolicy = (item: Record<string, unknown>) => fromItem<InvoicingPolicy>(item);
const toRun = (item: Record<string, unknown>) => fromItem<PolicyRun>(item);

/** Policies, one item per customer account in the account's own partition. */
export class DynamoInvoicingPolicyRepository
  extends TableAdapter
  implements InvoicingPolicyRepository
{
  async get(tenantId: string, customerId: string): Promise<InvoicingPolicy | undefined> {
    const item = await getItem(this.db, this.table, keys.invoicingPolicy(tenantId, customerId), {
      consistent: true,
    });
    return item && toPolicy(item);
  }

  async getMany(tenantId: string, customerIds: readonly string[]): Promise<InvoicingPolicy[]> {
    const items = await batchGet(
      this.db,
      this.table,
      customerIds.map((c) => keys.invoicingPolicy(tenantId, c)),
      { consistent: true, what: 'invoicing policies' },
    );
    return items.map(toPolicy);
  }

  async put(policy: InvoicingPolicy): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.invoicingPolicy(policy.tenantId, policy.customerId),
          type: 'invoicingPolicy',
          ...policy,
        },
      }),
    );
  }

  async delete(tenantId: string, customerId: string): Promise<boolean> {
    const out = await this.db.send(
      new DeleteCommand({
        TableName: this.table,
        Key: keys.invoicingPolicy(tenantId, customerId),
        ReturnValues: 'ALL_OLD',
      }),
    );
    return !!out.Attributes;
  }
}

/** A policy's runs and per-occurrence leases (the lease as tasks take theirs). */
export class DynamoPolicyRunRepository extends TableAdapter implements PolicyRunRepository {
  acquire(
    tenantId: string,
    customerId: string,
    occurrence: string,
    runId: string,
    now: string,
    until: string,
  ): Promise<PolicyLease> {
    return takeLease(this.db, this.table, keys.policyOccurrence(tenantId, customerId, occurrence), {
      runId,
      now,
      until,
      set: { occurrence, customerId, type: 'policyOccurrence' },
    });
  }

  release(
    tenantId: string,
    customerId: string,
    occurrence: string,
    runId: string,
    finished?: string,
  ): Promise<void> {
    return giveUpLease(
      this.db,
      this.table,
      keys.policyOccurrence(tenantId, customerId, occurrence),
      runId,
      finished,
    );
  }

  async put(run: PolicyRun): Promise<void> {
    await this.db.send(
      new PutCommand({
        TableName: this.table,
        Item: {
          ...keys.policyRun(run.tenantId, run.customerId, run.occurrence, run.id),
          type: 'policyRun',
          ...run,
        },
      }),
    );
  }

  async get(
    tenantId: string,
    customerId: string,
    occurrence: string,
    runId: string,
  ): Promise<PolicyRun | undefined> {
    const item = await getItem(
      this.db,
      this.table,
      keys.policyRun(tenantId, customerId, occurrence, runId),
      { consistent: true },
    );
    return item && toRun(item);
  }

  list(tenantId: string, customerId: string, page: PageRequest): Promise<Page<PolicyRun>> {
    const prefix = keys.policyRunPrefix(tenantId, customerId);
    return queryPage(this.db, prefixQuery(this.table, prefix, { newestFirst: true }), page, toRun);
  }
}
