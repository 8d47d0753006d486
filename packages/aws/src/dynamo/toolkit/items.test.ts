import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { fromItem, getItem } from './items.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-south-2' }));

beforeEach(() => ddb.reset());

describe('getItem', () => {
  it('reads one item by key, strongly consistent when asked', async () => {
    ddb
      .on(GetCommand)
      .resolvesOnce({ Item: { pk: 'P', sk: 'S', n: 1 } })
      .resolvesOnce({});
    expect(await getItem(db, 't', { pk: 'P', sk: 'S' })).toEqual({ pk: 'P', sk: 'S', n: 1 });
    expect(await getItem(db, 't', { pk: 'P', sk: 'T' }, { consistent: true })).toBeUndefined();
    const sent = ddb.commandCalls(GetCommand).map((c) => c.args[0].input);
    expect(sent).toEqual([
      { TableName: 't', Key: { pk: 'P', sk: 'S' } },
      { TableName: 't', Key: { pk: 'P', sk: 'T' }, ConsistentRead: true },
    ]);
  });
});

describe('fromItem', () => {
  it('leaves out the keys, index keys, TTL and type', () => {
    const item = {
      pk: 'P',
      sk: 'S',
      gsi1pk: 'G1',
      gsi1sk: 'g1',
      gsi2pk: 'G2',
      gsi2sk: 'g2',
      expiresAt: 1,
      type: 'thing',
      id: 'th-1',
      version: 2,
    };
    expect(fromItem(item)).toEqual({ id: 'th-1', version: 2 });
  });
});
