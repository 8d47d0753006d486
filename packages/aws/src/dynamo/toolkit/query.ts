import {
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { TABLE } from '@sello/contracts';
import type { Page, PageRequest } from '@sello/core/shared';
import { decodeCursor, encodeCursor } from '../cursor.ts';

type Item = Record<string, unknown>;

/**
 * The filter of a query: each `where` with a value adds one condition, and attribute names are
 * aliased segment by segment, so reserved words (`status`, `source`) and paths are safe.
 */
export class ListFilter {
  readonly conditions: string[] = [];
  readonly names: Record<string, string> = {};
  readonly values: Record<string, unknown> = {};

  /** Adds `path op value` unless `value` is undefined (the client did not ask for it). */
  where(path: string, op: '=' | '<>' | '<' | '>=' | '<=', value: string | undefined): this {
    if (value === undefined) return this;
    const placeholder = `:f${Object.keys(this.values).length}`;
    this.values[placeholder] = value;
    this.conditions.push(`${this.alias(path)} ${op} ${placeholder}`);
    return this;
  }

  /** Only items without `path` (e.g. `deletedAt`: the live ones). */
  absent(path: string): this {
    this.conditions.push(`attribute_not_exists(${this.alias(path)})`);
    return this;
  }

  /** Only items with `path`. */
  present(path: string): this {
    this.conditions.push(`attribute_exists(${this.alias(path)})`);
    return this;
  }

  private alias(path: string) {
    return path
      .split('.')
      .map((segment) => {
        this.names[`#${segment}`] = segment;
        return `#${segment}`;
      })
      .join('.');
  }
}

/** What a query asks of the sort key (text keys: bounds compare as strings). */
export type SortKeyCondition =
  | { equals: string }
  | { beginsWith: string }
  | { between: [string, string] }
  | { atLeast: string }
  | { below: string };

/** One query on the single table or one of its indexes (see TABLE in @sello/contracts). */
export interface Query {
  table: string;
  /**
   * The partition: its key attribute and value, e.g. `{ pk }` or `{ gsi1pk }`. The attribute
   * names the index too: `gsi1pk` queries gsi1.
   */
  partition: Record<string, string>;
  sort?: SortKeyCondition;
  filter?: ListFilter;
  /** Descending sort keys first. */
  newestFirst?: boolean;
  consistent?: boolean;
  /** Attributes to read instead of whole items (aliased, so reserved words are safe). */
  projection?: readonly string[];
}

/**
 * The items of a base-table partition whose sort key begins with a prefix (the `…Prefix` keys of
 * the keys module), with the query's other options.
 */
export const prefixQuery = (
  table: string,
  prefix: { pk: string; skPrefix: string },
  options: Omit<Query, 'table' | 'partition' | 'sort'> = {},
): Query => ({
  table,
  partition: { pk: prefix.pk },
  sort: { beginsWith: prefix.skPrefix },
  ...options,
});

/** A ProjectionExpression of the attributes, each aliased (`#p0`, `#p1` …). */
export function projection(attributes: readonly string[]) {
  return {
    ProjectionExpression: attributes.map((_, i) => `#p${i}`).join(', '),
    ExpressionAttributeNames: Object.fromEntries(attributes.map((name, i) => [`#p${i}`, name])),
  };
}

/** The index a partition attribute belongs to (none for the table's own `pk`) and its sort key. */
function schemaOf(partitionKey: string): { index?: string; sortKey: string } {
  if (partitionKey === TABLE.partitionKey) return { sortKey: TABLE.sortKey };
  const index = TABLE.indexes.find((i) => i.partitionKey === partitionKey);
  if (!index) throw new Error(`No index has the partition key ${partitionKey}`);
  return { index: index.name, sortKey: index.sortKey };
}

const partitionOf = (query: Query) => {
  const [entry, ...more] = Object.entries(query.partition);
  if (!entry || more.length) throw new Error('A query names exactly one partition');
  return entry;
};

function sortKeyExpression(sort: SortKeyCondition, values: Record<string, unknown>): string {
  if ('equals' in sort) {
    values[':sk'] = sort.equals;
    return '#sk = :sk';
  }
  if ('beginsWith' in sort) {
    values[':sk'] = sort.beginsWith;
    return 'begins_with(#sk, :sk)';
  }
  if ('between' in sort) {
    [values[':sk'], values[':skTo']] = sort.between;
    return '#sk BETWEEN :sk AND :skTo';
  }
  if ('atLeast' in sort) {
    values[':sk'] = sort.atLeast;
    return '#sk >= :sk';
  }
  values[':sk'] = sort.below;
  return '#sk < :sk';
}

/** The QueryCommand input of a query, without Limit or start key. */
export function queryInput(query: Query): QueryCommandInput {
  const [pkName, pk] = partitionOf(query);
  const { index, sortKey } = schemaOf(pkName);
  const names: Record<string, string> = { '#pk': pkName };
  const values: Record<string, unknown> = { ':pk': pk };
  let keyCondition = '#pk = :pk';
  if (query.sort) {
    names['#sk'] = sortKey;
    keyCondition += ` AND ${sortKeyExpression(query.sort, values)}`;
  }
  const filter = query.filter?.conditions.length ? query.filter : undefined;
  const projected = query.projection && projection(query.projection);
  return {
    TableName: query.table,
    ...(index ? { IndexName: index } : {}),
    KeyConditionExpression: keyCondition,
    ...(filter ? { FilterExpression: filter.conditions.join(' AND ') } : {}),
    ExpressionAttributeNames: {
      ...names,
      ...filter?.names,
      ...projected?.ExpressionAttributeNames,
    },
    ExpressionAttributeValues: { ...values, ...filter?.values },
    ...(projected ? { ProjectionExpression: projected.ProjectionExpression } : {}),
    ...(query.newestFirst ? { ScanIndexForward: false } : {}),
    ...(query.consistent ? { ConsistentRead: true } : {}),
  };
}

/** A query for clients' pages; `alsoInCursor`: more key attributes a cursor must carry. */
export type PageQuery = Query & { alsoInCursor?: Record<string, string> };

/**
 * One page for a client: `page.limit` items after its cursor, mapped to domain objects, with the
 * cursor of the next page when there may be more. The cursor is checked to belong to this query
 * (its partition, its sort-key prefix, and `alsoInCursor`, e.g. the base table's `pk` an index
 * item carries), so a forged or foreign one is a 400 naming `cursor`. With a filter a page may
 * come back short, and still carry a cursor.
 */
export async function queryPage<T>(
  db: DynamoDBDocumentClient,
  query: PageQuery,
  page: PageRequest,
  map: (item: Item) => T,
): Promise<Page<T>> {
  const [pkName, pk] = partitionOf(query);
  const prefix =
    query.sort && 'beginsWith' in query.sort
      ? { [schemaOf(pkName).sortKey]: { prefix: query.sort.beginsWith } }
      : {};
  const out = await db.send(
    new QueryCommand({
      ...queryInput(query),
      Limit: page.limit,
      ExclusiveStartKey: decodeCursor(page.cursor, {
        [pkName]: pk,
        ...prefix,
        ...query.alsoInCursor,
      }),
    }),
  );
  const nextCursor = encodeCursor(out.LastEvaluatedKey as Record<string, string> | undefined);
  return { items: (out.Items ?? []).map(map), ...(nextCursor ? { nextCursor } : {}) };
}

/**
 * The query's pages, one request each, following DynamoDB's start key until the last; the caller
 * stops early by leaving the loop. `limit` is the Limit of each request (a function: asked before
 * each one, e.g. for what is still wanted).
 */
export async function* queryPages(
  db: DynamoDBDocumentClient,
  query: Query,
  limit?: number | (() => number),
): AsyncGenerator<Item[]> {
  const input = queryInput(query);
  let start: Record<string, unknown> | undefined;
  do {
    const out = await db.send(
      new QueryCommand({
        ...input,
        ...(limit === undefined ? {} : { Limit: typeof limit === 'number' ? limit : limit() }),
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    yield out.Items ?? [];
    start = out.LastEvaluatedKey;
  } while (start);
}

/** Every item the query matches, however many pages that takes. */
export async function queryAll(db: DynamoDBDocumentClient, query: Query): Promise<Item[]> {
  const items: Item[] = [];
  for await (const page of queryPages(db, query)) items.push(...page);
  return items;
}

/**
 * The item of an index under both its keys, as the keys module builds them (e.g.
 * `{ gsi1pk, gsi1sk }`); index keys need not be unique, so the first one.
 */
export function queryIndexItem(
  db: DynamoDBDocumentClient,
  table: string,
  key: Record<string, string>,
): Promise<Item | undefined> {
  const [partition, sort, ...more] = Object.entries(key);
  if (!partition || !sort || more.length || schemaOf(partition[0]).sortKey !== sort[0]) {
    throw new Error('An index item is read by its partition key and then its sort key');
  }
  return queryFirst(db, {
    table,
    partition: { [partition[0]]: partition[1] },
    sort: { equals: sort[1] },
  });
}

/**
 * The first item of the query in key order (the last with `newestFirst`), if any: one request
 * with Limit 1, so no filter (it would apply to that one item only).
 */
export async function queryFirst(
  db: DynamoDBDocumentClient,
  query: Omit<Query, 'filter'>,
): Promise<Item | undefined> {
  const out = await db.send(new QueryCommand({ ...queryInput(query), Limit: 1 }));
  return out.Items?.[0];
}
