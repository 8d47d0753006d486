import {
  type CancellationReason,
  ConditionalCheckFailedException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, PreconditionFailedError } from '@sello/core/errors';
import type { Key } from '../keys.ts';

type Item = Record<string, unknown>;

/** One item of a TransactWriteItems request. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/**
 * A write refused by its condition. The name is checked too, so an exception built by another
 * copy of the SDK (or a test double) counts as well.
 */
export const conditionFailed = (e: unknown): e is ConditionalCheckFailedException =>
  e instanceof ConditionalCheckFailedException ||
  (typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'ConditionalCheckFailedException');

/**
 * Awaits a conditional write; if its condition failed, the result is what `otherwise` gives (a
 * value such as `false`, or a domain error it throws). Every other error propagates.
 */
export async function ifConditionFails<T, U>(
  write: Promise<T>,
  otherwise: (e: ConditionalCheckFailedException) => U | Promise<U>,
): Promise<T | U> {
  try {
    return await write;
  } catch (e) {
    if (conditionFailed(e)) return otherwise(e);
    throw e;
  }
}

/** Awaits a conditional write: true when it was written, false when its condition failed. */
export const written = (write: Promise<unknown>): Promise<boolean> =>
  ifConditionFails(
    write.then(() => true),
    () => false,
  );

/** Awaits a conditional write whose failed condition is the domain error `refused` makes. */
export const orRefused = <T>(write: Promise<T>, refused: () => Error): Promise<T> =>
  ifConditionFails(write, () => {
    throw refused();
  });

/** The parts of a request that carry its condition; spread into a Put, Update, Delete or transaction item. */
export interface Condition {
  ConditionExpression: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/** The item must not exist yet: its key is free. */
export const absent: Condition = { ConditionExpression: 'attribute_not_exists(pk)' };

/**
 * The optimistic lock of versioned items: the stored item is at `version` (a missing item has no
 * version, so it fails too). `where` adds attributes that must hold given values, e.g. an
 * invoice's `status` when only a draft may be replaced.
 */
export function atVersion(version: number, where: Record<string, string> = {}): Condition {
  const also = Object.keys(where);
  return {
    ConditionExpression: [
      'attribute_exists(pk) AND version = :version',
      ...also.map((name) => `#${name} = :${name}`),
    ].join(' AND '),
    ...(also.length
      ? { ExpressionAttributeNames: Object.fromEntries(also.map((n) => [`#${n}`, n])) }
      : {}),
    ExpressionAttributeValues: {
      ':version': version,
      ...Object.fromEntries(also.map((n) => [`:${n}`, where[n]])),
    },
  };
}

/**
 * `atVersion` for items that gained their version after some were stored: one without a version
 * attribute counts as version 1.
 */
export const atVersionOrFirst = (version: number): Condition =>
  version === 1
    ? {
        ConditionExpression:
          'attribute_exists(pk) AND (version = :version OR attribute_not_exists(version))',
        ExpressionAttributeValues: { ':version': 1 },
      }
    : atVersion(version);

/**
 * Writes an item that must not exist yet. With `conflict`, an existing one is a ConflictError
 * with that message; without, the condition failure propagates as is (keys built from fresh ids
 * or hashes, where a clash is not an expected outcome).
 */
export async function putNew(
  db: DynamoDBDocumentClient,
  table: string,
  item: Item,
  conflict?: string,
): Promise<void> {
  const put = db.send(new PutCommand({ TableName: table, Item: item, ...absent }));
  await (conflict === undefined ? put : orRefused(put, () => new ConflictError(conflict)));
}

/**
 * Puts an item only while `condition` holds, e.g. `atVersion(next.version - 1)` for the next
 * version of a versioned item; a lost race is the domain error `refused` makes (for most updates
 * a PreconditionFailedError: the client read an older version).
 */
export async function putIf(
  db: DynamoDBDocumentClient,
  table: string,
  item: Item,
  condition: Condition,
  refused: () => Error,
): Promise<void> {
  await orRefused(db.send(new PutCommand({ TableName: table, Item: item, ...condition })), refused);
}

/**
 * The refusal of a write that lost the optimistic lock: `what` (e.g. `Customer c-1`) changed
 * since the client read it.
 */
export const changedMeanwhile = (what: string) => () =>
  new PreconditionFailedError(`${what} was changed by another request; read it again`);

/**
 * Puts the next version of a versioned item (its `version` one above the stored one), or the
 * PreconditionFailedError of `changedMeanwhile(what)`.
 */
export const putNextVersion = (
  db: DynamoDBDocumentClient,
  table: string,
  item: Item & { version: number },
  what: string,
): Promise<void> => putIf(db, table, item, atVersion(item.version - 1), changedMeanwhile(what));

/** Deletes an item only while `condition` holds; otherwise the domain error `refused` makes. */
export async function deleteIf(
  db: DynamoDBDocumentClient,
  table: string,
  key: Key,
  condition: Condition,
  refused: () => Error,
): Promise<void> {
  await orRefused(
    db.send(new DeleteCommand({ TableName: table, Key: key, ...condition })),
    refused,
  );
}

/**
 * Why a transaction was cancelled: DynamoDB's reason per item, in TransactItems order ('None' for
 * an item that was not the cause).
 */
export class Cancellation {
  readonly codes: string[];

  constructor(readonly reasons: readonly CancellationReason[]) {
    this.codes = reasons.map((r) => r.Code ?? 'None');
  }

  /** The cancellation behind `e`, or undefined when `e` is another error. */
  static of(e: unknown): Cancellation | undefined {
    return e instanceof TransactionCanceledException
      ? new Cancellation(e.CancellationReasons ?? [])
      : undefined;
  }

  /** Whether item `index`'s condition failed. */
  failed(index: number): boolean {
    return this.codes[index] === 'ConditionalCheckFailed';
  }

  /** Lost to a concurrent writer: a condition failed, or DynamoDB saw the items contended. */
  get contended(): boolean {
    return this.codes.some((c) => c === 'ConditionalCheckFailed' || c === 'TransactionConflict');
  }
}

/**
 * Writes the items all or none. A cancelled transaction is the domain error `refused` makes from
 * its reasons (it may read first, e.g. who holds what was claimed meanwhile); when `refused`
 * gives none, the cancellation itself propagates.
 */
export async function transactWrite(
  db: DynamoDBDocumentClient,
  items: TransactItem[],
  refused: (why: Cancellation) => Error | undefined | Promise<Error | undefined>,
): Promise<void> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
  } catch (e) {
    const why = Cancellation.of(e);
    throw (why && (await refused(why))) || e;
  }
}
