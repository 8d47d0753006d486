import { DeleteCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
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
  absent,
  batchGet,
  Cancellation,
  fromItem,
  getItem,
  ListFilter,
  queryPage,
  TableAdapter,
  type TransactItem,
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

/** TransactWriteItems' limit. */
const PER_TRANSACTION = 100;
/**
 * Transactions in flight at once. In AWS more would spread over more partitions; DynamoDB Local
 * serialises transactions, and measured slower with ten in flight than with two or three
 * (contention), so three: 1,000 tickets are four rounds.
 */
const PARALLEL = 3;
/** Rounds of retrying items DynamoDB cancelled for contention (not for their own condition). */
const ROUNDS = 6;

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Tickets, one item each under (tenant, reference). New tickets are written 100 to a
 * TransactWriteItems, each Put conditioned on its key being free: BatchWriteItem would be cheaper
 * but takes no condition, and would overwrite a ticket already invoiced. Three transactions run at
 * once (see PARALLEL). A transaction cancelled because some references were taken meanwhile is
 * sent again without them (which are answered); one cancelled for contention is sent again.
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
    const chunks: Ticket[][] = [];
    for (let i = 0; i < tickets.length; i += PER_TRANSACTION) {
      chunks.push(tickets.slice(i, i + PER_TRANSACTION));
    }
    const taken: string[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL, chunks.length) }, async () => {
        while (next < chunks.length) taken.push(...(await this.writeChunk(chunks[next++]!)));
      }),
    );
    return { taken };
  }

  /** Writes one chunk all or none, leaving out what turns out taken; answers those. */
  private async writeChunk(chunk: Ticket[]): Promise<string[]> {
    const taken: string[] = [];
    let pending = chunk;
    for (let round = 0; pending.length; round++) {
      const items: TransactItem[] = pending.map((t) => ({
        Put: { TableName: this.table, Item: this.item(t), ...absent },
      }));
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: items }));
        return taken;
      } catch (e) {
        const why = Cancellation.of(e);
        if (!why) throw e;
        const lost = pending.filter((_, i) => why.failed(i));
        // Cancelled for a reason retrying cannot mend (a validation error, a size limit).
        if (!lost.length && !why.contended) throw e;
        if (!lost.length && round >= ROUNDS) throw e;
        taken.push(...lost.map((t) => t.reference));
        pending = pending.filter((_, i) => !why.failed(i));
        if (!lost.length) await sleep(20 * 2 ** round);
      }
    }
    return taken;
  }

  async takeBack(tenantId: string, references: readonly string[], importId: string): Promise<void> {
    await Promise.all(
      references.map((reference) =>
        written(
          this.db.send(
            new DeleteCommand({
              TableName: this.table,
              Key: keys.ticket(tenantId, reference),
              ConditionExpression: 'importId = :importId AND #status = :open',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':importId': importId, ':open': 'open' },
            }),
          ),
        ),
      ),
    );
  }

  async claim(
    tenantId: string,
    reference: string,
    invoiceId: string,
    at: string,
    staleBefore: string,
  ): Promise<boolean> {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression:
            'SET #status = :invoiced, invoiceId = :invoiceId, claimedAt = :at, updatedAt = :at',
          ConditionExpression:
            'attribute_exists(pk) AND (#status = :open OR (#status = :invoiced AND claimedAt < :stale))',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':invoiced': 'invoiced',
            ':open': 'open',
            ':invoiceId': invoiceId,
            ':at': at,
            ':stale': staleBefore,
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
  ): Promise<boolean> {
    return written(
      this.db.send(
        new UpdateCommand({
          TableName: this.table,
          Key: keys.ticket(tenantId, reference),
          UpdateExpression:
            'SET #status = :invoiced, invoiceId = :invoiceId, claimedAt = :at, updatedAt = :at REMOVE globalInvoiceId',
          ConditionExpression:
            '#status = :global AND globalInvoiceId = :g AND attribute_not_exists(claimedAt)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':global': 'global',
            ':invoiced': 'invoiced',
            ':g': globalId,
            ':invoiceId': invoiceId,
            ':at': at,
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
