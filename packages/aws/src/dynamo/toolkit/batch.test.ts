import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, BatchWriteCommand, DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { batchGet, batchWrite } from './batch.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-south-2' }));

const key = (i: number) => ({ pk: 'P', sk: `S#${i}` });
const keys = (n: number) => Array.from({ length: n }, (_, i) => key(i));

beforeEach(() => {
  ddb.reset();
  vi.useRealTimers();
});

describe('batchGet', () => {
  it('asks 100 keys a request, each key once, and gathers the items', async () => {
    ddb.on(BatchGetCommand).callsFake(({ RequestItems }) => ({
      Responses: { t: RequestItems.t.Keys.map((k: object) => ({ ...k, found: true })) },
    }));
    const items = await batchGet(db, 't', [...keys(250), key(0), key(249)]);
    expect(items).toHaveLength(250);
    const sent = ddb.commandCalls(BatchGetCommand).map((c) => c.args[0].input.RequestItems!.t!);
    expect(sent.map((r) => r.Keys!.length)).toEqual([100, 100, 50]);
    expect(sent[0]).toEqual({ Keys: keys(100) });
  });

  it('passes consistency and projection on', async () => {
    ddb.on(BatchGetCommand).resolves({ Responses: { t: [] } });
    await batchGet(db, 't', [key(1)], { consistent: true, projection: ['id', 'status'] });
    expect(ddb.commandCalls(BatchGetCommand)[0]!.args[0].input).toEqual({
      RequestItems: {
        t: {
          Keys: [key(1)],
          ConsistentRead: true,
          ProjectionExpression: '#p0, #p1',
          ExpressionAttributeNames: { '#p0': 'id', '#p1': 'status' },
        },
      },
    });
  });

  it('asks again for what was left unprocessed, and only that', async () => {
    ddb
      .on(BatchGetCommand)
      .resolvesOnce({ Responses: { t: [{ n: 1 }] }, UnprocessedKeys: { t: { Keys: [key(2)] } } })
      .resolvesOnce({ Responses: { t: [{ n: 2 }] } });
    expect(await batchGet(db, 't', [key(1), key(2)])).toEqual([{ n: 1 }, { n: 2 }]);
    const second = ddb.commandCalls(BatchGetCommand)[1]!.args[0].input;
    expect(second.RequestItems!.t!.Keys).toEqual([key(2)]);
  });

  it('gives up after eight rounds of sustained throttling, naming what stayed unread', async () => {
    vi.useFakeTimers();
    ddb.on(BatchGetCommand).resolves({ UnprocessedKeys: { t: { Keys: [key(1)] } } });
    const read = batchGet(db, 't', [key(1)], { what: 'products' });
    const settled = expect(read).rejects.toThrow('BatchGet left 1 products unread');
    await vi.runAllTimersAsync();
    await settled;
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(8);
  });

  it('sends nothing for no keys', async () => {
    expect(await batchGet(db, 't', [])).toEqual([]);
    expect(ddb.commandCalls(BatchGetCommand)).toHaveLength(0);
  });
});

describe('batchWrite', () => {
  const puts = (n: number) => keys(n).map((Item) => ({ PutRequest: { Item } }));

  it('writes 25 requests a call and resends what was left unprocessed', async () => {
    const left = puts(30).slice(25, 27);
    ddb
      .on(BatchWriteCommand)
      .resolvesOnce({})
      .resolvesOnce({ UnprocessedItems: { t: left } })
      .resolves({});
    await batchWrite(db, 't', puts(30));
    const sent = ddb.commandCalls(BatchWriteCommand).map((c) => c.args[0].input.RequestItems!.t!);
    expect(sent.map((r) => r.length)).toEqual([25, 5, 2]);
    expect(sent[2]).toEqual(left);
  });

  it('gives up after eight rounds', async () => {
    vi.useFakeTimers();
    ddb.on(BatchWriteCommand).resolves({ UnprocessedItems: { t: puts(1) } });
    const write = batchWrite(db, 't', puts(1));
    const settled = expect(write).rejects.toThrow('BatchWrite left 1 items unwritten');
    await vi.runAllTimersAsync();
    await settled;
  });
});
