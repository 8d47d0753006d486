import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { absent, Cancellation, type TransactItem } from './conditions.ts';

/** TransactWriteItems' limit. */
const PER_TRANSACTION = 100;
/**
 * Transactions in flight at once. In AWS more would spread over more partitions; DynamoDB Local
 * serialises transactions, and measured slower with ten in flight than with two or three
 * (contention), so three: 1,000 records are four rounds.
 */
const PARALLEL = 3;
/** Rounds of retrying items DynamoDB cancelled for contention (not for their own condition). */
const ROUNDS = 6;

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

/**
 * Writes records whose key is still free, 100 to a TransactWriteItems, each Put conditioned on
 * its key being free (BatchWriteItem would be cheaper but takes no condition, and would overwrite
 * a record already in use). Three transactions run at once (see PARALLEL). A transaction
 * cancelled because some keys were taken meanwhile is sent again without them, which are
 * answered (their references); one cancelled for contention is sent again.
 */
export async function putAllNew<T>(
  db: DynamoDBDocumentClient,
  table: string,
  records: readonly T[],
  as: { item: (record: T) => Record<string, unknown>; reference: (record: T) => string },
): Promise<string[]> {
  const chunks: T[][] = [];
  for (let i = 0; i < records.length; i += PER_TRANSACTION) {
    chunks.push(records.slice(i, i + PER_TRANSACTION));
  }
  const taken: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(PARALLEL, chunks.length) }, async () => {
      while (next < chunks.length) taken.push(...(await writeChunk(chunks[next++]!)));
    }),
  );
  return taken;

  /** Writes one chunk all or none, leaving out what turns out taken; answers those. */
  async function writeChunk(chunk: T[]): Promise<string[]> {
    const lostOnes: string[] = [];
    let pending = chunk;
    for (let round = 0; pending.length; round++) {
      const items: TransactItem[] = pending.map((r) => ({
        Put: { TableName: table, Item: as.item(r), ...absent },
      }));
      try {
        await db.send(new TransactWriteCommand({ TransactItems: items }));
        return lostOnes;
      } catch (e) {
        const why = Cancellation.of(e);
        if (!why) throw e;
        const lost = pending.filter((_, i) => why.failed(i));
        // Cancelled for a reason retrying cannot mend (a validation error, a size limit).
        if (!lost.length && !why.contended) throw e;
        if (!lost.length && round >= ROUNDS) throw e;
        lostOnes.push(...lost.map(as.reference));
        pending = pending.filter((_, i) => !why.failed(i));
        if (!lost.length) await sleep(20 * 2 ** round);
      }
    }
    return lostOnes;
  }
}
