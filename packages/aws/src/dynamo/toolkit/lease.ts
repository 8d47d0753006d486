import { type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Key } from '../keys.ts';
import { ifConditionFails, written } from './conditions.ts';
import { getItem } from './items.ts';

/** What taking a lease answered (see `takeLease`). */
export type TakenLease =
  | {
      acquired: true;
      /** A holder whose lease had expired (its run died). */
      expiredOwner?: string;
      /** The item did not exist: nobody ever took this lease. */
      fresh?: boolean;
      /** When a holder marked the work finished (`giveUpLease` with `finished`). */
      finishedAt?: string;
    }
  | { acquired: false; owner: string };

/**
 * Takes the lease held on an item (a task's or a policy's occurrence) for `runId` until `until`:
 * one conditional update, so two deliveries of the same work cannot both hold it. It is taken if
 * nobody holds it, its holder's lease has expired (taken over), or `runId` holds it already (a
 * continuation). `set` writes more attributes with it (what the item is).
 */
export function takeLease(
  db: DynamoDBDocumentClient,
  table: string,
  key: Key,
  lease: { runId: string; now: string; until: string; set: Record<string, string> },
): Promise<TakenLease> {
  const extra = Object.entries(lease.set);
  const take = db.send(
    new UpdateCommand({
      TableName: table,
      Key: key,
      UpdateExpression: `SET leaseOwner = :run, leaseUntil = :until${extra
        .map((_, i) => `, #x${i} = :x${i}`)
        .join('')}`,
      ConditionExpression:
        'attribute_not_exists(leaseOwner) OR leaseUntil < :now OR leaseOwner = :run',
      ExpressionAttributeNames: Object.fromEntries(extra.map(([name], i) => [`#x${i}`, name])),
      ExpressionAttributeValues: {
        ':run': lease.runId,
        ':until': lease.until,
        ':now': lease.now,
        ...Object.fromEntries(extra.map(([, value], i) => [`:x${i}`, value])),
      },
      ReturnValues: 'ALL_OLD',
    }),
  );
  return ifConditionFails(
    take.then((out): TakenLease => {
      const previous = out.Attributes?.leaseOwner as string | undefined;
      const finishedAt = out.Attributes?.finishedAt as string | undefined;
      return {
        acquired: true,
        ...(previous && previous !== lease.runId ? { expiredOwner: previous } : {}),
        ...(out.Attributes ? {} : { fresh: true }),
        ...(finishedAt ? { finishedAt } : {}),
      };
    }),
    async (): Promise<TakenLease> => {
      const item = await getItem(db, table, key, { consistent: true });
      return { acquired: false, owner: (item?.leaseOwner as string | undefined) ?? 'unknown' };
    },
  );
}

/**
 * Gives the lease up if `runId` still holds it; `finished` marks the work done (`finishedAt`,
 * `finishedBy`). When its lease expired and another run took it, that run's state is the one to
 * keep: nothing is written.
 */
export async function giveUpLease(
  db: DynamoDBDocumentClient,
  table: string,
  key: Key,
  runId: string,
  finished?: string,
): Promise<void> {
  await written(
    db.send(
      new UpdateCommand({
        TableName: table,
        Key: key,
        UpdateExpression: `REMOVE leaseOwner, leaseUntil${finished ? ' SET finishedAt = :at, finishedBy = :run' : ''}`,
        ConditionExpression: 'leaseOwner = :run',
        ExpressionAttributeValues: { ':run': runId, ...(finished ? { ':at': finished } : {}) },
      }),
    ),
  );
}
