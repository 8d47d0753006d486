import {
  BatchGetCommand,
  BatchWriteCommand,
  type BatchWriteCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import type { Key } from '../keys.ts';
import { projection } from './query.ts';

type Item = Record<string, unknown>;

/** One request of a BatchWriteItem: a PutRequest or a DeleteRequest. */
export type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

/** Rounds of asking again for what DynamoDB left unprocessed before giving up. */
const ROUNDS = 8;

/**
 * Sends `chunk` and what each answer leaves unprocessed (throttled or over the response size)
 * again, after a growing wait, until nothing is left. Sustained throttling fails the call rather
 * than letting a caller go on with a partial read or write.
 */
async function untilProcessed<T>(
  chunk: T[],
  send: (pending: T[]) => Promise<T[] | undefined>,
  failure: (left: number) => string,
): Promise<void> {
  let pending: T[] | undefined = chunk;
  for (let round = 0; pending?.length; round++) {
    if (round === ROUNDS) throw new Error(failure(pending.length));
    if (round > 0) await sleep(25 * 2 ** round);
    pending = await send(pending);
  }
}

const sleep = (ms: number) => new Promise((ok) => setTimeout(ok, ms));

const keyText = (key: Key) => `${key.pk}\n${key.sk}`;

/**
 * The items of any number of keys, in no particular order (missing ones are left out): 100 keys a
 * BatchGetItem (its limit), duplicates asked once (DynamoDB refuses them). `what` names the items
 * in the error of a read that stays incomplete.
 */
export async function batchGet(
  db: DynamoDBDocumentClient,
  table: string,
  keys: readonly Key[],
  options: { consistent?: boolean; projection?: readonly string[]; what?: string } = {},
): Promise<Item[]> {
  const unique = [...new Map(keys.map((k) => [keyText(k), k])).values()];
  const found: Item[] = [];
  for (let start = 0; start < unique.length; start += 100) {
    await untilProcessed(
      unique.slice(start, start + 100),
      async (pending) => {
        const out = await db.send(
          new BatchGetCommand({
            RequestItems: {
              [table]: {
                Keys: pending,
                ...(options.consistent ? { ConsistentRead: true } : {}),
                ...(options.projection ? projection(options.projection) : {}),
              },
            },
          }),
        );
        found.push(...(out.Responses?.[table] ?? []));
        return out.UnprocessedKeys?.[table]?.Keys as Key[] | undefined;
      },
      (left) => `BatchGet left ${left} ${options.what ?? 'items'} unread`,
    );
  }
  return found;
}

/** Puts and deletes, 25 a BatchWriteItem (its limit), none conditional and not atomic. */
export async function batchWrite(
  db: DynamoDBDocumentClient,
  table: string,
  requests: readonly WriteRequest[],
): Promise<void> {
  for (let start = 0; start < requests.length; start += 25) {
    await untilProcessed(
      requests.slice(start, start + 25),
      async (pending) => {
        const out = await db.send(new BatchWriteCommand({ RequestItems: { [table]: pending } }));
        return out.UnprocessedItems?.[table];
      },
      (left) => `BatchWrite left ${left} items unwritten`,
    );
  }
}
