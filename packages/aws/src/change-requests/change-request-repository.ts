import type {
  ChangeRequest,
  ChangeRequestListQuery,
  ChangeRequestRepository,
} from '@sello/core/change-requests';
import { PENDING_STATUSES } from '@sello/core/change-requests';
import type { Page } from '@sello/core/shared';
import { keys } from '../dynamo/keys.ts';
import {
  absent,
  atVersion,
  changedMeanwhile,
  fromItem,
  getItem,
  ListFilter,
  prefixQuery,
  queryPage,
  TableAdapter,
  type TransactItem,
  transactWrite,
} from '../dynamo/toolkit/index.ts';

/**
 * Every item's `type` names its kind (`changeRequest`), so the request's own type is stored as
 * `requestType`.
 */
const toRequest = (item: Record<string, unknown>): ChangeRequest => {
  const { requestType, ...rest } = fromItem<Omit<ChangeRequest, 'type'> & { requestType: string }>(
    item,
  );
  return { ...rest, type: requestType } as ChangeRequest;
};
const pending = (r: ChangeRequest) => PENDING_STATUSES.includes(r.status);

/**
 * Change requests, one item each in the tenant's partition, indexed by status (the queue) and by
 * invoice. A pending request holds a claim item on (invoice, type), written with it and deleted
 * with its outcome in the same transaction, so two concurrent requests of one type on one invoice
 * give one request and one refusal.
 */
export class DynamoChangeRequestRepository extends TableAdapter implements ChangeRequestRepository {
  private item({ type: requestType, ...r }: ChangeRequest) {
    return {
      ...keys.changeRequest(r.tenantId, r.id),
      ...keys.changeRequestByStatus(r.tenantId, r.status, r.createdAt, r.id),
      ...keys.changeRequestOfInvoice(r.tenantId, r.invoiceId, r.createdAt, r.id),
      type: 'changeRequest',
      requestType,
      ...r,
    };
  }

  private claim(r: ChangeRequest) {
    return keys.pendingChangeRequest(r.tenantId, r.invoiceId, r.type);
  }

  async create(
    request: ChangeRequest,
  ): Promise<{ created: true } | { created: false; holder: string }> {
    const items: TransactItem[] = [
      { Put: { TableName: this.table, Item: this.item(request), ...absent } },
      {
        Put: {
          TableName: this.table,
          Item: { ...this.claim(request), type: 'changeRequestClaim', requestId: request.id },
          ...absent,
        },
      },
    ];
    let lost = false;
    await transactWrite(this.db, items, (why) => {
      lost = why.failed(1);
      return undefined;
    }).catch((error: unknown) => {
      if (!lost) throw error;
    });
    if (!lost) return { created: true };
    const claim = await getItem(this.db, this.table, this.claim(request), { consistent: true });
    return { created: false, holder: String(claim?.requestId ?? 'another request') };
  }

  async get(tenantId: string, id: string): Promise<ChangeRequest | undefined> {
    const item = await getItem(this.db, this.table, keys.changeRequest(tenantId, id), {
      consistent: true,
    });
    return item && toRequest(item);
  }

  async update(next: ChangeRequest, previous?: ChangeRequest): Promise<void> {
    const refused = changedMeanwhile(`Change request ${next.id}`);
    const put: TransactItem = {
      Put: { TableName: this.table, Item: this.item(next), ...atVersion(next.version - 1) },
    };
    const items: TransactItem[] = [put];
    if (previous && pending(previous) && !pending(next)) {
      items.push({
        Delete: {
          TableName: this.table,
          Key: this.claim(next),
          ConditionExpression: 'attribute_not_exists(pk) OR requestId = :id',
          ExpressionAttributeValues: { ':id': next.id },
        },
      });
    }
    await transactWrite(this.db, items, (why) => (why.failed(0) ? refused() : undefined));
  }

  list(tenantId: string, query: ChangeRequestListQuery): Promise<Page<ChangeRequest>> {
    if (query.invoiceId) {
      const { gsi2pk } = keys.changeRequestOfInvoice(tenantId, query.invoiceId, '', '');
      const filter = new ListFilter().where('status', '=', query.status);
      return queryPage(
        this.db,
        { table: this.table, partition: { gsi2pk }, filter, newestFirst: true },
        query,
        toRequest,
      );
    }
    if (query.status) {
      const { gsi1pk } = keys.changeRequestByStatus(tenantId, query.status, '', '');
      return queryPage(
        this.db,
        { table: this.table, partition: { gsi1pk }, newestFirst: true },
        query,
        toRequest,
      );
    }
    return queryPage(
      this.db,
      prefixQuery(this.table, keys.changeRequestPrefix(tenantId), { newestFirst: true }),
      query,
      toRequest,
    );
  }
}
