import { type DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { type Key, withoutKeys } from '../keys.ts';

type Item = Record<string, unknown>;

/**
 * The adapters of the single table: each is built over the shared document client and the table
 * name (see @sello/app's repositories).
 */
export abstract class TableAdapter {
  constructor(
    protected readonly db: DynamoDBDocumentClient,
    protected readonly table: string,
  ) {}
}

/** The item under `key`, if any; `consistent` reads what the last write left. */
export async function getItem(
  db: DynamoDBDocumentClient,
  table: string,
  key: Key,
  options: { consistent?: boolean } = {},
): Promise<Item | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: table,
      Key: key,
      ...(options.consistent ? { ConsistentRead: true } : {}),
    }),
  );
  return Item;
}

/** The domain object an item stores: the item without its keys, index keys, TTL and `type`. */
export function fromItem<T>(item: Item): T {
  const { type: _type, ...rest } = withoutKeys(item);
  return rest as T;
}
