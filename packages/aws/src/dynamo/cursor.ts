import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { type Page, type PageRequest, ValidationError } from '@sello/core';

type DynamoKey = Record<string, string | number>;

/** Opaque pagination cursor: the last evaluated key, base64url JSON. */
export const encodeCursor = (key: DynamoKey | undefined): string | undefined =>
  key ? Buffer.from(JSON.stringify(key), 'utf8').toString('base64url') : undefined;

/**
 * Decodes a client's cursor and checks it belongs to the query being run (`expect`), so a forged
 * or foreign cursor is a 400 naming `cursor`, never a DynamoDB error or another tenant's page.
 */
export function decodeCursor(
  cursor: string | undefined,
  expect: Record<string, string | { prefix: string }>,
): DynamoKey | undefined {
  if (cursor === undefined) return undefined;
  const invalid = () =>
    new ValidationError('Invalid cursor', [
      { path: 'cursor', message: 'Not a cursor returned by this list; start again without it' },
    ]);
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (typeof key !== 'object' || key === null || Array.isArray(key)) throw invalid();
  const entries = Object.entries(key);
  if (entries.length > 6 || entries.some(([, v]) => typeof v !== 'string')) throw invalid();
  for (const [name, want] of Object.entries(expect)) {
    const got = (key as Record<string, unknown>)[name];
    if (typeof got !== 'string') throw invalid();
    // Outside the query's range DynamoDB would fail the request, so the prefix is checked too.
    if (typeof want === 'string' ? got !== want : !got.startsWith(want.prefix)) throw invalid();
  }
  return key as DynamoKey;
}

/**
 * The filter of a list query: each `where` with a value adds one condition, and attribute names
 * are aliased segment by segment, so reserved words (`status`, `source`) and paths are safe.
 */
export class ListFilter {
  readonly conditions: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};

  /** Adds `path op value` unless `value` is undefined (the client did not ask for it). */
  where(path: string, op: '=' | '>=' | '<=', value: string | undefined): this {
    if (value === undefined) return this;
    const alias = path
      .split('.')
      .map((segment) => {
        this.names[`#${segment}`] = segment;
        return `#${segment}`;
      })
      .join('.');
    const placeholder = `:f${this.conditions.length}`;
    this.values[placeholder] = value;
    this.conditions.push(`${alias} ${op} ${placeholder}`);
    return this;
  }
}

/**
 * One page of a query on an index partition (`gsi1` by default): `limit` items after the client's
 * cursor, checked to belong to this partition, kept by `filter`, mapped to domain objects.
 */
export async function queryIndexPage<T>(
  db: DynamoDBDocumentClient,
  query: {
    table: string;
    index?: 'gsi1' | 'gsi2';
    partition: Record<string, string>;
    filter?: ListFilter;
    /** Descending sort keys first. */
    newestFirst?: boolean;
  },
  page: PageRequest,
  map: (item: Record<string, unknown>) => T,
): Promise<Page<T>> {
  const [[name, value]] = Object.entries(query.partition) as [[string, string]];
  const filter = query.filter?.conditions.length ? query.filter : undefined;
  const out = await db.send(
    new QueryCommand({
      TableName: query.table,
      IndexName: query.index ?? 'gsi1',
      KeyConditionExpression: '#pk = :pk',
      ...(filter ? { FilterExpression: filter.conditions.join(' AND ') } : {}),
      ExpressionAttributeNames: { '#pk': name, ...filter?.names },
      ExpressionAttributeValues: { ':pk': value, ...filter?.values },
      ...(query.newestFirst ? { ScanIndexForward: false } : {}),
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, { [name]: value }),
    }),
  );
  const nextCursor = encodeCursor(out.LastEvaluatedKey as DynamoKey | undefined);
  return { items: (out.Items ?? []).map(map), ...(nextCursor ? { nextCursor } : {}) };
}

/** The item of an index partition with the given sort key, if any (index keys need not be unique). */
export async function queryIndexItem(
  db: DynamoDBDocumentClient,
  query: { table: string; index?: 'gsi1' | 'gsi2'; key: Record<string, string> },
): Promise<Record<string, unknown> | undefined> {
  const [[pkName, pk], [skName, sk]] = Object.entries(query.key) as [
    [string, string],
    [string, string],
  ];
  const out = await db.send(
    new QueryCommand({
      TableName: query.table,
      IndexName: query.index ?? 'gsi1',
      KeyConditionExpression: '#pk = :pk AND #sk = :sk',
      ExpressionAttributeNames: { '#pk': pkName, '#sk': skName },
      ExpressionAttributeValues: { ':pk': pk, ':sk': sk },
    }),
  );
  return out.Items?.[0];
}
