import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '@sello/core/errors';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { encodeCursor } from '../cursor.ts';
import {
  ListFilter,
  prefixQuery,
  queryAll,
  queryFirst,
  queryIndexItem,
  queryInput,
  queryPage,
  queryPages,
} from './query.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-south-2' }));

const queries = () => ddb.commandCalls(QueryCommand).map((call) => call.args[0].input);

beforeEach(() => ddb.reset());

describe('ListFilter', () => {
  it('adds a condition per value asked for, aliasing every path segment', () => {
    const filter = new ListFilter()
      .where('status', '=', 'issued')
      .where('customerId', '=', undefined)
      .where('source.taskId', '<>', 'tk-1')
      .absent('deletedAt')
      .present('finishedAt');
    expect(filter.conditions).toEqual([
      '#status = :f0',
      '#source.#taskId <> :f1',
      'attribute_not_exists(#deletedAt)',
      'attribute_exists(#finishedAt)',
    ]);
    expect(filter.names).toEqual({
      '#status': 'status',
      '#source': 'source',
      '#taskId': 'taskId',
      '#deletedAt': 'deletedAt',
      '#finishedAt': 'finishedAt',
    });
    expect(filter.values).toEqual({ ':f0': 'issued', ':f1': 'tk-1' });
  });
});

describe('queryInput', () => {
  it('queries a base-table partition by sort-key prefix', () => {
    expect(
      queryInput({ table: 't', partition: { pk: 'TENANT#a' }, sort: { beginsWith: 'PRODUCT#' } }),
    ).toEqual({
      TableName: 't',
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :sk)',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
      ExpressionAttributeValues: { ':pk': 'TENANT#a', ':sk': 'PRODUCT#' },
    });
  });

  it('queries by one of the keys module’s prefixes', () => {
    const prefix = { pk: 'TENANT#a', skPrefix: 'PRODUCT#' };
    expect(queryInput(prefixQuery('t', prefix, { consistent: true }))).toEqual({
      ...queryInput({
        table: 't',
        partition: { pk: 'TENANT#a' },
        sort: { beginsWith: 'PRODUCT#' },
      }),
      ConsistentRead: true,
    });
  });

  it('takes the index from the partition attribute, with its own sort key', () => {
    expect(
      queryInput({
        table: 't',
        partition: { gsi2pk: 'WEBHOOKDUE' },
        sort: { below: '2025-01-01T00:00:00Z$' },
        projection: ['tenantId', 'id'],
        newestFirst: true,
        consistent: true,
      }),
    ).toEqual({
      TableName: 't',
      IndexName: 'gsi2',
      KeyConditionExpression: '#pk = :pk AND #sk < :sk',
      ExpressionAttributeNames: {
        '#pk': 'gsi2pk',
        '#sk': 'gsi2sk',
        '#p0': 'tenantId',
        '#p1': 'id',
      },
      ExpressionAttributeValues: { ':pk': 'WEBHOOKDUE', ':sk': '2025-01-01T00:00:00Z$' },
      ProjectionExpression: '#p0, #p1',
      ScanIndexForward: false,
      ConsistentRead: true,
    });
  });

  it('writes each sort-key condition', () => {
    const keyCondition = (sort: Parameters<typeof queryInput>[0]['sort']) => {
      const input = queryInput({ table: 't', partition: { gsi1pk: 'P' }, sort });
      return [input.KeyConditionExpression, input.ExpressionAttributeValues];
    };
    expect(keyCondition(undefined)).toEqual(['#pk = :pk', { ':pk': 'P' }]);
    expect(keyCondition({ equals: 'a' })).toEqual([
      '#pk = :pk AND #sk = :sk',
      { ':pk': 'P', ':sk': 'a' },
    ]);
    expect(keyCondition({ between: ['a', 'b'] })).toEqual([
      '#pk = :pk AND #sk BETWEEN :sk AND :skTo',
      { ':pk': 'P', ':sk': 'a', ':skTo': 'b' },
    ]);
    expect(keyCondition({ atLeast: 'a' })).toEqual([
      '#pk = :pk AND #sk >= :sk',
      { ':pk': 'P', ':sk': 'a' },
    ]);
  });

  it('adds the filter, and only a filter that has conditions', () => {
    const filtered = queryInput({
      table: 't',
      partition: { pk: 'P' },
      filter: new ListFilter().absent('deletedAt').where('status', '=', 'open'),
    });
    expect(filtered).toMatchObject({
      FilterExpression: 'attribute_not_exists(#deletedAt) AND #status = :f0',
      ExpressionAttributeNames: { '#pk': 'pk', '#deletedAt': 'deletedAt', '#status': 'status' },
      ExpressionAttributeValues: { ':pk': 'P', ':f0': 'open' },
    });
    const empty = queryInput({ table: 't', partition: { pk: 'P' }, filter: new ListFilter() });
    expect(empty).not.toHaveProperty('FilterExpression');
  });

  it('refuses a partition attribute of no index, or not exactly one partition', () => {
    expect(() => queryInput({ table: 't', partition: { gsi9pk: 'P' } })).toThrow(/gsi9pk/);
    expect(() => queryInput({ table: 't', partition: {} })).toThrow(/one partition/);
    expect(() => queryInput({ table: 't', partition: { pk: 'P', gsi1pk: 'Q' } })).toThrow(
      /one partition/,
    );
  });
});

describe('queryPage', () => {
  const query = { table: 't', partition: { pk: 'TENANT#a' }, sort: { beginsWith: 'RUN#' } };
  const last = { pk: 'TENANT#a', sk: 'RUN#0002' };

  it('reads one page and gives the next page’s cursor', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ n: 1 }, { n: 2 }], LastEvaluatedKey: last });
    const page = await queryPage(db, query, { limit: 2 }, (i) => i.n);
    expect(page).toEqual({ items: [1, 2], nextCursor: encodeCursor(last) });
    expect(queries()[0]).toMatchObject({ Limit: 2, ExclusiveStartKey: undefined });
  });

  it('starts after the cursor and leaves the cursor out on the last page', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ n: 3 }] });
    const page = await queryPage(db, query, { limit: 2, cursor: encodeCursor(last) }, (i) => i.n);
    expect(page).toEqual({ items: [3] });
    expect(queries()[0]!.ExclusiveStartKey).toEqual(last);
  });

  it('refuses a cursor of another partition, sort-key range or base item as a 400', async () => {
    ddb.on(QueryCommand).resolves({ Items: [] });
    const foreign = [
      { pk: 'TENANT#b', sk: 'RUN#0002' },
      { pk: 'TENANT#a', sk: 'PRODUCT#1' },
    ];
    for (const key of foreign) {
      await expect(
        queryPage(db, query, { limit: 2, cursor: encodeCursor(key) }, (i) => i),
      ).rejects.toBeInstanceOf(ValidationError);
    }
    const byIndex = { table: 't', partition: { gsi1pk: 'G' }, alsoInCursor: { pk: 'TENANT#a' } };
    const otherTenant = encodeCursor({ gsi1pk: 'G', gsi1sk: 'x', pk: 'TENANT#b', sk: 'y' });
    await expect(
      queryPage(db, byIndex, { limit: 2, cursor: otherTenant }, (i) => i),
    ).rejects.toBeInstanceOf(ValidationError);
    expect(queries()).toHaveLength(0);
  });
});

describe('queryPages and queryAll', () => {
  const query = { table: 't', partition: { pk: 'P' } };

  it('follow the start key until the last page', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ n: 1 }], LastEvaluatedKey: { pk: 'P', sk: '1' } })
      .resolvesOnce({ Items: [{ n: 2 }], LastEvaluatedKey: { pk: 'P', sk: '2' } })
      .resolvesOnce({});
    expect(await queryAll(db, query)).toEqual([{ n: 1 }, { n: 2 }]);
    const sent = queries();
    expect(sent).toHaveLength(3);
    expect(sent[0]).not.toHaveProperty('ExclusiveStartKey');
    expect(sent[1]!.ExclusiveStartKey).toEqual({ pk: 'P', sk: '1' });
    expect(sent[2]!.ExclusiveStartKey).toEqual({ pk: 'P', sk: '2' });
    expect(sent[0]).not.toHaveProperty('Limit');
  });

  it('stop where the caller leaves, and ask each page’s limit before sending it', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ n: 1 }], LastEvaluatedKey: { pk: 'P', sk: '1' } });
    let wanted = 3;
    for await (const page of queryPages(db, query, () => wanted)) {
      wanted -= page.length;
      if (wanted === 1) break;
    }
    expect(queries().map((q) => q.Limit)).toEqual([3, 2]);
  });
});

describe('queryIndexItem', () => {
  it('reads the item of an index by both its keys', async () => {
    ddb.on(QueryCommand).resolves({ Items: [{ n: 1 }] });
    expect(await queryIndexItem(db, 't', { gsi1pk: 'G', gsi1sk: 'K#1' })).toEqual({ n: 1 });
    expect(queries()[0]).toEqual({
      TableName: 't',
      IndexName: 'gsi1',
      KeyConditionExpression: '#pk = :pk AND #sk = :sk',
      ExpressionAttributeNames: { '#pk': 'gsi1pk', '#sk': 'gsi1sk' },
      ExpressionAttributeValues: { ':pk': 'G', ':sk': 'K#1' },
      Limit: 1,
    });
  });

  it('refuses keys that are not one index’s partition and sort key', () => {
    expect(() => queryIndexItem(db, 't', { gsi1pk: 'G' })).toThrow(/partition key/);
    expect(() => queryIndexItem(db, 't', { gsi1pk: 'G', gsi2sk: 'K' })).toThrow(/partition key/);
  });
});

describe('queryFirst', () => {
  it('reads one item, or none', async () => {
    ddb
      .on(QueryCommand)
      .resolvesOnce({ Items: [{ n: 9 }] })
      .resolvesOnce({ Items: [] });
    const query = {
      table: 't',
      partition: { pk: 'P' },
      sort: { beginsWith: 'B#' },
      newestFirst: true,
    };
    expect(await queryFirst(db, query)).toEqual({ n: 9 });
    expect(await queryFirst(db, query)).toBeUndefined();
    expect(queries()[0]).toMatchObject({ Limit: 1, ScanIndexForward: false });
  });
});
