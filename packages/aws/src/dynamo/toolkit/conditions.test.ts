import {
  ConditionalCheckFailedException,
  DynamoDBClient,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ConflictError, PreconditionFailedError } from '@sello/core/errors';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  absent,
  atVersion,
  Cancellation,
  conditionFailed,
  deleteIf,
  ifConditionFails,
  orRefused,
  putIf,
  putNew,
  putNextVersion,
  transactWrite,
  written,
} from './conditions.ts';

const ddb = mockClient(DynamoDBDocumentClient);
const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-south-2' }));

const conditionFailure = () =>
  new ConditionalCheckFailedException({ message: 'The conditional request failed', $metadata: {} });
const throttled = () => Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const item = { pk: 'TENANT#t', sk: 'THING#1', type: 'thing', version: 3 };
const stale = () => new PreconditionFailedError('Thing 1 was changed by another request');

beforeEach(() => ddb.reset());

describe('conditionFailed', () => {
  it('knows the SDK exception, and one from another copy of the SDK by its name', () => {
    expect(conditionFailed(conditionFailure())).toBe(true);
    expect(
      conditionFailed(Object.assign(new Error('x'), { name: 'ConditionalCheckFailedException' })),
    ).toBe(true);
    expect(conditionFailed(throttled())).toBe(false);
    expect(conditionFailed(undefined)).toBe(false);
  });
});

describe('ifConditionFails, written, orRefused', () => {
  it('gives what the write gave when it went through', async () => {
    await expect(ifConditionFails(Promise.resolve('ok'), () => 'refused')).resolves.toBe('ok');
    await expect(written(Promise.resolve({}))).resolves.toBe(true);
    await expect(orRefused(Promise.resolve(7), stale)).resolves.toBe(7);
  });

  it('turns a failed condition into the fallback: a value, or the domain error', async () => {
    await expect(
      ifConditionFails(Promise.reject(conditionFailure()), () => 'refused'),
    ).resolves.toBe('refused');
    await expect(written(Promise.reject(conditionFailure()))).resolves.toBe(false);
    const refusal = orRefused(Promise.reject(conditionFailure()), stale);
    await expect(refusal).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(refusal).rejects.toThrow('Thing 1 was changed by another request');
  });

  it('lets any other error through untouched', async () => {
    const error = throttled();
    await expect(ifConditionFails(Promise.reject(error), () => 'refused')).rejects.toBe(error);
    await expect(written(Promise.reject(error))).rejects.toBe(error);
    await expect(orRefused(Promise.reject(error), stale)).rejects.toBe(error);
  });
});

describe('atVersion', () => {
  it('requires the stored item at that version', () => {
    expect(atVersion(2)).toEqual({
      ConditionExpression: 'attribute_exists(pk) AND version = :version',
      ExpressionAttributeValues: { ':version': 2 },
    });
  });

  it('adds the attributes that must hold, aliased (status is a reserved word)', () => {
    expect(atVersion(0, { status: 'draft' })).toEqual({
      ConditionExpression: 'attribute_exists(pk) AND version = :version AND #status = :status',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':version': 0, ':status': 'draft' },
    });
  });
});

describe('putNew', () => {
  it('puts the item only where none exists', async () => {
    ddb.on(PutCommand).resolves({});
    await putNew(db, 'table', item, 'Thing 1 already exists');
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toEqual({
      TableName: 'table',
      Item: item,
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('answers an existing item with a ConflictError carrying the message', async () => {
    ddb.on(PutCommand).rejects(conditionFailure());
    const put = putNew(db, 'table', item, 'Thing 1 already exists');
    await expect(put).rejects.toBeInstanceOf(ConflictError);
    await expect(put).rejects.toThrow('Thing 1 already exists');
  });

  it('without a message, lets the condition failure through', async () => {
    ddb.on(PutCommand).rejects(conditionFailure());
    await expect(putNew(db, 'table', item)).rejects.toBeInstanceOf(ConditionalCheckFailedException);
  });
});

describe('putIf', () => {
  it('puts the next version conditioned on the one before', async () => {
    ddb.on(PutCommand).resolves({});
    await putIf(db, 'table', item, atVersion(2), stale);
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toEqual({
      TableName: 'table',
      Item: item,
      ConditionExpression: 'attribute_exists(pk) AND version = :version',
      ExpressionAttributeValues: { ':version': 2 },
    });
  });

  it('answers a lost race with the domain error, and passes other errors on', async () => {
    ddb.on(PutCommand).rejectsOnce(conditionFailure()).rejectsOnce(throttled());
    await expect(putIf(db, 'table', item, absent, stale)).rejects.toThrow(
      'Thing 1 was changed by another request',
    );
    await expect(putIf(db, 'table', item, absent, stale)).rejects.toThrow('Rate exceeded');
  });
});

describe('putNextVersion', () => {
  it('puts the item over the version before it, or says it changed meanwhile', async () => {
    ddb.on(PutCommand).resolvesOnce({}).rejectsOnce(conditionFailure());
    await putNextVersion(db, 'table', item, 'Thing 1');
    expect(ddb.commandCalls(PutCommand)[0]!.args[0].input).toEqual({
      TableName: 'table',
      Item: item,
      ...atVersion(2),
    });
    const refused = putNextVersion(db, 'table', item, 'Thing 1');
    await expect(refused).rejects.toBeInstanceOf(PreconditionFailedError);
    await expect(refused).rejects.toThrow('Thing 1 was changed by another request; read it again');
  });
});

describe('deleteIf', () => {
  it('deletes under the condition, or refuses with the domain error', async () => {
    ddb.on(DeleteCommand).resolvesOnce({}).rejectsOnce(conditionFailure());
    const key = { pk: item.pk, sk: item.sk };
    await deleteIf(db, 'table', key, atVersion(3), stale);
    expect(ddb.commandCalls(DeleteCommand)[0]!.args[0].input).toEqual({
      TableName: 'table',
      Key: key,
      ...atVersion(3),
    });
    await expect(deleteIf(db, 'table', key, atVersion(3), stale)).rejects.toBeInstanceOf(
      PreconditionFailedError,
    );
  });
});

describe('Cancellation', () => {
  it('reads the reason of each item, and whether it lost to another writer', () => {
    const why = Cancellation.of(cancelled('None', 'ConditionalCheckFailed'))!;
    expect(why.codes).toEqual(['None', 'ConditionalCheckFailed']);
    expect(why.failed(0)).toBe(false);
    expect(why.failed(1)).toBe(true);
    expect(why.failed(2)).toBe(false);
    expect(why.contended).toBe(true);
    expect(Cancellation.of(cancelled('TransactionConflict', 'None'))!.contended).toBe(true);
    expect(Cancellation.of(cancelled('None', 'ValidationError'))!.contended).toBe(false);
  });

  it('is undefined for any other error', () => {
    expect(Cancellation.of(conditionFailure())).toBeUndefined();
    expect(Cancellation.of(new Error('boom'))).toBeUndefined();
  });
});

describe('transactWrite', () => {
  const items = [
    { Put: { TableName: 'table', Item: item, ...absent } },
    { Update: { TableName: 'table', Key: { pk: 'p', sk: 's' }, UpdateExpression: 'SET n = :n' } },
  ];

  it('sends the items as one transaction', async () => {
    ddb.on(TransactWriteCommand).resolves({});
    await transactWrite(db, items, () => new ConflictError('never'));
    expect(ddb.commandCalls(TransactWriteCommand)[0]!.args[0].input).toEqual({
      TransactItems: items,
    });
  });

  it('answers a cancellation with the domain error its reasons call for', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    const write = transactWrite(db, items, (why) =>
      why.failed(0) ? new ConflictError('Thing 1 already exists') : undefined,
    );
    await expect(write).rejects.toBeInstanceOf(ConflictError);
    await expect(write).rejects.toThrow('Thing 1 already exists');
  });

  it('waits for a refusal that reads first', async () => {
    ddb.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    const write = transactWrite(db, items, async () => {
      await new Promise((ok) => setTimeout(ok, 1));
      return new ConflictError('Number 7 is held by invoice inv-1');
    });
    await expect(write).rejects.toThrow('Number 7 is held by invoice inv-1');
  });

  it('lets the cancellation through when no domain error fits, and any other error', async () => {
    const cancellation = cancelled('None', 'ValidationError');
    ddb.on(TransactWriteCommand).rejectsOnce(cancellation).rejectsOnce(throttled());
    const refused = () => new ConflictError('never');
    await expect(transactWrite(db, items, () => undefined)).rejects.toBe(cancellation);
    await expect(transactWrite(db, items, refused)).rejects.toThrow('Rate exceeded');
  });
});
