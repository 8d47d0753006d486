import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '@sello/core/shared';
import type {
  DeclinedLateRequest,
  LateRequest,
  LateRequestDeclines,
  Ticket,
  TicketListQuery,
  TicketRepository,
} from '@sello/core/tickets';
import { keys } from '../dynamo/keys.ts';
import {
  batchGet,
  deleteImported,
  fromItem,
  getItem,
  ListFilter,
  putAllNew,
  queryPage,
  TableAdapter,
  written,
} from '../dynamo/toolkit/index.ts';

/**
 * A ticket's tax rows and lines are kept as one JSON string attribute (`detail`): they are only
 * ever read whole, and DynamoDB Local writes a flat item markedly faster than nested lists of
 * maps (measured: about a third of a 1,000-ticket import).
 */
function toTicket(item: Record<string, unknown>): Ticket {
  const { detail, ...rest } = fromItem<Ticket & { detail?: string }>(item);
  return { ...rest, ...(detail ? (JSON.parse(detail) as Pick<Ticket, 'taxes' | 'lines'>) : {}) };
}

/**
 * Tickets, one item each under (tenant, reference). New tickets are written by `putAllNew`
 * (conditional Puts in transactions of 100), so an import never overwrites a ticket already
 * invoiced.
 */
export class DynamoTicketRepository
  extends TableAdapter
  implements TicketRepository, LateRequestDeclines
{
  private item({ taxes, lines, ...t }: Ticket) {
    const detail = taxes || lines ? JSON.stringify({ taxes, lines }) : undefined;
    return {
      ...keys.ticket(t.tenantId, t.reference),
      ...keys.ticketBySale(t.tenantId, t.soldAt, t.reference),
      type: 'ticket',
      ...t,
      ...(detail ? { detail } : {}),
    };
  }

  async getMany(tenantId: string, references: readonly string[]): Promise<Ticket[]> {
    // 100 keys a BatchGetItem, those of a 1,000-ticket import all at once.
    const slices: string[][] = [];
    for (let i = 0; i < references.length; i += 100) slices.push(references.slice(i, i + 100));
    const pages = await Promise.all(
      slices.map((slice) =>
        batchGet(
          this.db,
          this.table,
          slice.map((r) => keys.ticket(tenantId, r)),
          { consistent: true, what: 'tickets' },
        ),
      ),
    );
    return pages.flat().map(toTicket);
  }

  async get(tenantId: string, reference: string): Promise<Ticket | undefined> {
    const item = await getItem(this.db, this.table, keys.ticket(tenantId, reference), {
      consistent: true,
    });
    return item && toTicket(item);
  }

  async createNew(tickets: readonly Ticket[]): Promise<{ taken: string[] }> {
    const taken = await putAllNew(this.db, this.table, tickets, {
      item: (t) => this.item(t),
      reference: (t) => t.reference,
    });
    return { taken };
  }

  takeBack(tenantId: string, references: readonly string[], importId: string): Promise<void> {
    const taken = references.map((r) => keys.ticket(tenantId, r));
    return deleteImported(this.db, this.table, taken, importId, 'open');
  }

  async claim(
    tenantId: string,
    reference: string,
    invoiceId: string,
    at: string,
    staleBefore: string,
    lateRequestAt?: string,
  ): Promise<boolean> {
    const approving = lateRequestAt ? ' AND lateRequest.requestedAt = :requested' : '';
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression:
            'SET #status = :invoiced, invoiceId = :invoiceId, claimedAt = :at, updatedAt = :at',
          ConditionExpression: `attribute_exists(pk) AND (#status = :open OR (#status = :invoiced AND claimedAt < :stale))${approving}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':invoiced': 'invoiced',
            ':open': 'open',
            ':invoiceId': invoiceId,
            ':at': at,
            ':stale': staleBefore,
            ...(lateRequestAt ? { ':requested': lateRequestAt } : {}),
          },
        }),
      ),
    );
  }

  requestLate(tenantId: string, reference: string, request: LateRequest): Promise<boolean> {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression: 'SET lateRequest = :request, updatedAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND #status IN (:open, :global) AND attribute_not_exists(lateRequest)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':request': request,
            ':open': 'open',
            ':global': 'global',
            ':at': request.requestedAt,
          },
        }),
      ),
    );
  }

  async confirm(tenantId: string, reference: string, invoiceId: string): Promise<void> {
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression: 'REMOVE claimedAt, lateRequest',
          ConditionExpression: 'invoiceId = :invoiceId',
          ExpressionAttributeValues: { ':invoiceId': invoiceId },
        }),
      ),
    );
  }

  async release(tenantId: string, reference: string, invoiceId: string): Promise<void> {
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression: 'SET #status = :open REMOVE invoiceId, claimedAt',
          ConditionExpression: 'invoiceId = :invoiceId AND attribute_exists(claimedAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':invoiceId': invoiceId, ':open': 'open' },
        }),
      ),
    );
  }

  async claimForGlobal(
    tenantId: string,
    reference: string,
    globalId: string,
    at: string,
  ): Promise<boolean> {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression:
            'SET #status = :global, globalInvoiceId = :g, claimedAt = :at, updatedAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND ((#status = :open AND attribute_not_exists(lateRequest)) OR (#status = :global AND globalInvoiceId = :g))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':global': 'global',
            ':open': 'open',
            ':g': globalId,
            ':at': at,
          },
        }),
      ),
    );
  }

  async confirmGlobal(tenantId: string, reference: string, globalId: string): Promise<void> {
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression: 'REMOVE claimedAt',
          ConditionExpression: '#status = :global AND globalInvoiceId = :g',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':global': 'global', ':g': globalId },
        }),
      ),
    );
  }

  async releaseGlobal(tenantId: string, reference: string, globalId: string): Promise<void> {
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression: 'SET #status = :open REMOVE globalInvoiceId, claimedAt',
          ConditionExpression:
            '#status = :global AND globalInvoiceId = :g AND attribute_exists(claimedAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':global': 'global', ':open': 'open', ':g': globalId },
        }),
      ),
    );
  }

  moveGlobal(
    tenantId: string,
    reference: string,
    fromId: string,
    toId: string,
    at: string,
  ): Promise<boolean> {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression: 'SET globalInvoiceId = :to, claimedAt = :at, updatedAt = :at',
          ConditionExpression: '#status = :global AND globalInvoiceId = :from',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':global': 'global',
            ':from': fromId,
            ':to': toId,
            ':at': at,
          },
        }),
      ),
    );
  }

  claimFromGlobal(
    tenantId: string,
    reference: string,
    globalId: string,
    invoiceId: string,
    at: string,
    lateRequestAt?: string,
  ): Promise<boolean> {
    const approving = lateRequestAt ? ' AND lateRequest.requestedAt = :requested' : '';
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression:
            'SET #status = :invoiced, invoiceId = :invoiceId, claimedAt = :at, updatedAt = :at REMOVE globalInvoiceId',
          ConditionExpression: `#status = :global AND globalInvoiceId = :g AND attribute_not_exists(claimedAt)${approving}`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':global': 'global',
            ':invoiced': 'invoiced',
            ':g': globalId,
            ':invoiceId': invoiceId,
            ':at': at,
            ...(lateRequestAt ? { ':requested': lateRequestAt } : {}),
          },
        }),
      ),
    );
  }

  declineLate(
    tenantId: string,
    reference: string,
    declined: DeclinedLateRequest,
  ): Promise<boolean> {
    // The request read is the one still there, and no invoice claimed the ticket meanwhile.
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression:
            'SET declinedLateRequest = :declined, updatedAt = :at REMOVE lateRequest',
          ConditionExpression:
            'lateRequest.requestedAt = :requestedAt AND #status IN (:open, :global) AND attribute_not_exists(claimedAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':declined': declined,
            ':requestedAt': declined.requestedAt,
            ':open': 'open',
            ':global': 'global',
            ':at': declined.declinedAt,
          },
        }),
      ),
    );
  }

  async undoDecline(
    tenantId: string,
    reference: string,
    declined: DeclinedLateRequest,
  ): Promise<void> {
    const { declinedAt: _at, reason: _reason, ...request } = declined;
    await written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression: 'SET lateRequest = :request REMOVE declinedLateRequest',
          ConditionExpression:
            'declinedLateRequest.declinedAt = :at AND attribute_not_exists(lateRequest)',
          ExpressionAttributeValues: { ':request': request, ':at': declined.declinedAt },
        }),
      ),
    );
  }

  list(tenantId: string, query: TicketListQuery): Promise<Page<Ticket>> {
    const { gsi1pk } = keys.ticketBySale(tenantId, '', '');
    const filter = new ListFilter()
      .where('status', '=', query.status)
      .where('store', '=', query.store)
      .where('reference', '=', query.reference);
    if (query.lateRequest) filter.present('lateRequest');
    // A cursor is checked to be of this partition (gsi1pk); the ticket's own pk in it only
    // positions the page. Sort keys are `<soldAt>#<reference>`: a day's range is from its first instant to past its
    // last one ('~' sorts after every character of an instant and of `#`).
    const from = query.from && `${query.from}T00:00:00`;
    const to = query.to && `${query.to}T23:59:59.999Z~`;
    const sort =
      from && to
        ? { between: [from, to] as [string, string] }
        : from
          ? { atLeast: from }
          : to
            ? { below: to }
            : undefined;
    return queryPage(
      this.db,
      {
        table: this.table,
        partition: { gsi1pk },
        ...(sort ? { sort } : {}),
        filter,
        newestFirst: true,
      },
      query,
      toTicket,
    );
  }
}
