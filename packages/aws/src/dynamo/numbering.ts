import { setTimeout as sleep } from 'node:timers/promises';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError } from '@sello/core/errors';
import type { DepositChange, Invoice, IssueState, IssueWrite } from '@sello/core/invoices';
import { type ChainHead, linkOf } from '@sello/core/verifactu';
import { depositChangeItem, depositsLost } from './deposit-changes.ts';
import { invoiceItem } from './invoice-item.ts';
import { type Key, keys } from './keys.ts';
import { absent, atVersion, batchGet, Cancellation, type TransactItem } from './toolkit/index.ts';
import { chainItems, toChainHead } from './verifactu/chain.ts';

/** Attempts before a hot series gives up (each failed attempt means another invoice got a number). */
const MAX_ATTEMPTS = 60;

/**
 * After a transaction lost a race (a counter or chain-head condition, or a conflict), waits a
 * jittered backoff that spreads concurrent issuers' retries; anything else, or too many attempts,
 * rethrows the error. Only issuers in other containers are left to race (issues of one container
 * take turns), so the waits start short: one transaction's time is what the winner needed.
 */
export async function backOffOrThrow(error: unknown, why: Cancellation, attempt: number) {
  if (!why.contended || attempt >= MAX_ATTEMPTS) throw error;
  // Full jitter over 2, 4, 8 … 128 ms.
  await sleep(Math.random() * 2 ** Math.min(attempt, 7));
}

/** Why a member's own items failed: its invoice, what it corrects, or a deposit it bills. */
function refusal(
  b: { member: Member; items: number[]; deposits: Array<[number, DepositChange]> },
  why: Cancellation,
): ConflictError {
  if (why.failed(b.items[0]!)) {
    return new ConflictError(
      `Invoice ${b.member.draft.id} was issued or changed by another request`,
    );
  }
  const lost = b.deposits.filter(([i]) => why.failed(i)).map(([, change]) => change);
  if (lost.length) return depositsLost(lost);
  return new ConflictError('An invoice this correction touches was changed by another request');
}

/** One issue waiting in its lane. */
interface Member {
  draft: Invoice;
  /** Transaction items it writes at most (invoice, original, record, number claim, deposits). */
  weight: number;
  counterKey: Key;
  build: (state: IssueState) => IssueWrite;
  resolve: (write: IssueWrite) => void;
  reject: (error: unknown) => void;
}

/** The issues of one counter (or one tenant's chain) in this container, committed in batches. */
interface Lane {
  queue: Member[];
  headKey: Key | undefined;
  draining?: boolean;
}

interface CounterRead {
  exists: boolean;
  last: number;
  lastIssueDate?: string;
}

interface KnownState {
  counters: Map<string, CounterRead>;
  head: ChainHead | undefined;
}

const keyText = (key: Key) => `${key.pk}|${key.sk}`;

const uniqueKeys = (list: Key[]) => [...new Map(list.map((k) => [keyText(k), k])).values()];

/** Items of a transaction besides its members' own: the head and, at worst, a counter each. */
const MAX_ITEMS = 100;

/**
 * TransactWriteItems takes up to 100 items and 4 MB. A member writes its invoice, what it
 * corrects, its record, the claim of its number and the deposits it bills (its `weight`, one
 * more for its counter): members are taken while they fit in 100 items with the head, and
 * their invoices (DynamoDB items, 400 KB at most) are kept under 3 MB by their JSON size. The
 * same invoice or deposit twice (two requests issuing one draft, two corrections of one original,
 * two invoices over one deposit) waits for the next batch: one transaction may not write an item
 * twice.
 */
function takeBatch(queue: Member[]): Member[] {
  const batch: Member[] = [];
  const ids = new Set<string>();
  let bytes = 0;
  let items = 1;
  for (let i = 0; i < queue.length; ) {
    const member = queue[i]!;
    const size = JSON.stringify(member.draft).length;
    const touched = [
      member.draft.id,
      member.draft.corrective?.originalId,
      ...(member.draft.deposits ?? []),
    ].filter((id): id is string => !!id);
    const fits = items + member.weight + 1 <= MAX_ITEMS && bytes + size <= 3_000_000;
    if (batch.length && (!fits || touched.some((id) => ids.has(id)))) {
      i++;
      continue;
    }
    batch.push(member);
    queue.splice(i, 1);
    bytes += size;
    items += member.weight + 1;
    for (const id of touched) ids.add(id);
  }
  return batch;
}

/**
 * Numbering of issues, batched per lane: the concurrent issues of one series in this container
 * (of one tenant's chain, when records are chained) are committed together, one
 * TransactWriteItems a batch, moving the counters and the chain head once, conditioned on what
 * was read. Containers still race, which those conditions settle.
 */
export class BatchedNumbering {
  private readonly lanes = new Map<string, Lane>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly table: string,
  ) {}

  /** See InvoiceRepository.issue. */
  issue(
    draft: Invoice,
    counter: { series: string; period: string },
    build: (state: IssueState) => IssueWrite,
    options: { chain?: boolean; deposits?: number } = {},
  ): Promise<IssueWrite> {
    const counterKey = keys.seriesCounter(draft.tenantId, counter.series, counter.period);
    const headKey = options.chain ? keys.chainHead(draft.tenantId) : undefined;
    // Chained issues of a tenant all move its chain head, whatever their series.
    const laneKey = keyText(headKey ?? counterKey);
    let lane = this.lanes.get(laneKey);
    if (!lane) {
      lane = { queue: [], headKey };
      this.lanes.set(laneKey, lane);
    }
    const current = lane;
    return new Promise<IssueWrite>((resolve, reject) => {
      const weight = 4 + (options.deposits ?? draft.deposits?.length ?? 0);
      current.queue.push({ draft, weight, counterKey, build, resolve, reject });
      if (!current.draining) void this.drain(laneKey, current);
    });
  }

  /**
   * Commits a lane's queue batch after batch until it is empty. What one batch wrote is what the
   * next one reads, so while issues keep arriving no read is needed between transactions.
   */
  private async drain(laneKey: string, lane: Lane): Promise<void> {
    lane.draining = true;
    let known: KnownState | undefined;
    try {
      while (lane.queue.length) {
        const batch = takeBatch(lane.queue);
        try {
          known = await this.commitBatch(batch, lane.headKey, known);
        } catch (error) {
          // A read failed (the store is unreachable): this batch fails, the next one reads again.
          // Members already settled ignore the second settlement.
          for (const member of batch) member.reject(error);
          known = undefined;
        }
      }
    } finally {
      lane.draining = false;
      // Between bursts other containers may issue: the next burst reads afresh.
      if (!lane.queue.length) this.lanes.delete(laneKey);
    }
  }

  /** Reads what is not known of the batch's counters and chain head, strongly consistent. */
  private async readState(counterKeys: Key[], headKey: Key | undefined): Promise<KnownState> {
    const found = await batchGet(
      this.db,
      this.table,
      [...counterKeys, ...(headKey ? [headKey] : [])],
      { consistent: true, what: 'counters' },
    );
    const byKey = new Map(found.map((item) => [keyText(item as unknown as Key), item]));
    const counters = new Map<string, CounterRead>();
    for (const key of counterKeys) {
      const item = byKey.get(keyText(key));
      counters.set(keyText(key), {
        exists: !!item,
        last: Number(item?.last ?? 0),
        ...(item?.lastIssueDate ? { lastIssueDate: String(item.lastIssueDate) } : {}),
      });
    }
    return { counters, head: headKey ? toChainHead(byKey.get(keyText(headKey))) : undefined };
  }

  /**
   * Numbers a batch in one transaction: each member's `build` sees the counter (and chain head) as
   * the members before it left them; the counters and the head are written once, conditioned on
   * what was read. A member whose own invoice changed meanwhile is refused alone and the rest
   * retried; a counter or head moved by another container means reading again.
   */
  private async commitBatch(
    batch: Member[],
    headKey: Key | undefined,
    known: KnownState | undefined,
  ): Promise<KnownState | undefined> {
    let members = batch;
    let state = known;
    for (let attempt = 1; members.length; attempt++) {
      const counterKeys = uniqueKeys(members.map((m) => m.counterKey));
      if (!state || counterKeys.some((k) => !state!.counters.has(keyText(k)))) {
        state = await this.readState(counterKeys, headKey);
      }
      const counters = new Map(
        counterKeys.map((k) => [keyText(k), { ...state!.counters.get(keyText(k))! }]),
      );
      let head = state.head;
      const built: Array<{
        member: Member;
        write: IssueWrite;
        items: number[];
        /** Index in the transaction of each deposit change, with the change. */
        deposits: Array<[number, DepositChange]>;
      }> = [];
      const items: TransactItem[] = [];
      let headItem: TransactItem | undefined;
      for (const member of members) {
        const counter = counters.get(keyText(member.counterKey))!;
        let write: IssueWrite;
        try {
          write = member.build({
            last: counter.last,
            ...(counter.lastIssueDate ? { lastIssueDate: counter.lastIssueDate } : {}),
            ...(head ? { chain: head } : {}),
          });
        } catch (error) {
          // Refused by the use case (e.g. a date out of order): no number is taken.
          member.reject(error);
          continue;
        }
        counter.last += 1;
        counter.lastIssueDate = write.invoice.issueDate;
        const own: number[] = [];
        own.push(items.push(this.issuedItem(member.draft, write.invoice)) - 1);
        for (const other of write.also ?? []) own.push(items.push(this.alsoItem(other)) - 1);
        const deposits: Array<[number, DepositChange]> = (write.deposits ?? []).map((change) => [
          items.push(
            depositChangeItem(this.table, member.draft.tenantId, change, write.invoice.updatedAt),
          ) - 1,
          change,
        ]);
        own.push(...deposits.map(([i]) => i));
        if (write.record) {
          const [headPut, recordPut] = chainItems(
            this.table,
            member.draft.tenantId,
            write.invoice.id,
            head,
            write.record,
          );
          items.push(recordPut as TransactItem);
          // One head write for the batch: the last record's, conditioned on the head read.
          headItem = headItem
            ? { Put: { ...headItem.Put!, Item: (headPut as TransactItem).Put!.Item } }
            : (headPut as TransactItem);
          head = { seq: (head?.seq ?? 0) + 1, link: linkOf(write.record) };
        }
        built.push({ member, write, items: own, deposits });
      }
      if (!built.length) return undefined;
      // Each number claimed for its invoice, so an import of the same number is refused (see
      // keys.invoiceNumber). Unconditional: a number the counter gives is never refused. Once
      // per number, as a transaction writes an item once (two series may print alike).
      const claims = new Map(
        built.map(({ write: { invoice } }) => [invoice.number ?? '', invoice] as const),
      );
      claims.delete('');
      for (const invoice of claims.values()) items.push(this.numberClaimItem(invoice));
      const counterItems = counterKeys.flatMap((key) => {
        const read = state!.counters.get(keyText(key))!;
        const next = counters.get(keyText(key))!;
        if (next.last === read.last) return [];
        const lastInvoice = built
          .filter((b) => keyText(b.member.counterKey) === keyText(key))
          .at(-1);
        return [this.counterItem(key, read, next, lastInvoice!.write.invoice.id)];
      });
      const all = [...items, ...(headItem ? [headItem] : []), ...counterItems];
      try {
        await this.db.send(new TransactWriteCommand({ TransactItems: all }));
        for (const b of built) b.member.resolve(b.write);
        const written = new Map(state.counters);
        for (const [k, v] of counters) written.set(k, { ...v, exists: true });
        return { counters: written, head };
      } catch (e) {
        const why = Cancellation.of(e);
        if (!why) {
          for (const b of built) b.member.reject(e);
          return undefined;
        }
        const refused = built.filter((b) => b.items.some((i) => why.failed(i)));
        for (const b of refused) b.member.reject(refusal(b, why));
        members = built.filter((b) => !refused.includes(b)).map((b) => b.member);
        state = undefined;
        if (refused.length) continue;
        // A counter, the head or a record moved under us (another container issued), or
        // DynamoDB saw the items contended: read again and retry, after a short wait.
        try {
          await backOffOrThrow(e, why, attempt);
        } catch (error) {
          for (const m of members) m.reject(error);
          return undefined;
        }
      }
    }
    return undefined;
  }

  /** The issued invoice over its draft: a new one (never saved as a draft) or the draft read. */
  private issuedItem(draft: Invoice, issued: Invoice): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: invoiceItem(issued),
        ...(draft.version === 0 ? absent : atVersion(draft.version, { status: 'draft' })),
      },
    };
  }

  private numberClaimItem(invoice: Invoice): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: {
          ...keys.invoiceNumber(invoice.tenantId, invoice.number!),
          type: 'invoiceNumber',
          invoiceId: invoice.id,
          origin: 'issued',
        },
      },
    };
  }

  /** An invoice the issue changes too (the original a corrective rectifies), over its version read. */
  private alsoItem(other: Invoice): TransactItem {
    return {
      Put: { TableName: this.table, Item: invoiceItem(other), ...atVersion(other.version - 1) },
    };
  }

  /** The counter moves only from the value read: an issue elsewhere that got there first cancels the transaction. */
  private counterItem(
    key: Key,
    read: CounterRead,
    next: CounterRead,
    lastInvoiceId: string,
  ): TransactItem {
    return {
      Put: {
        TableName: this.table,
        Item: {
          ...key,
          type: 'counter',
          last: next.last,
          lastIssueDate: next.lastIssueDate,
          lastInvoiceId,
        },
        ...(read.exists
          ? {
              ConditionExpression: '#last = :last',
              ExpressionAttributeNames: { '#last': 'last' },
              ExpressionAttributeValues: { ':last': read.last },
            }
          : absent),
      },
    };
  }
}
