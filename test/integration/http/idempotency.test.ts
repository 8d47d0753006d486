import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '@sello/app/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;

beforeAll(async () => {
  ({ key } = await createTenant());
});

const customers = async () =>
  (await api.call('GET', '/v1/customers?limit=200', { key })).json.items;

describe('Idempotency-Key on POST', () => {
  it('ten concurrent POSTs with one key create exactly one customer and all get its response', async () => {
    const body = aCustomer({ name: 'Concurrent SL', taxId: 'B12345674' });
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        api.call('POST', '/v1/customers', { key, body, headers: { 'idempotency-key': 'order-1' } }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const ids = new Set(results.map((r) => r.json.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.headers.get('idempotent-replayed') === 'true')).toHaveLength(9);
    expect(
      (await customers()).filter((c: { name: string }) => c.name === 'Concurrent SL'),
    ).toHaveLength(1);
  });

  it('a later replay returns the stored response byte for byte', async () => {
    const body = aCustomer({ name: 'Replay SA', taxId: 'A58818501' });
    const first = await api.call('POST', '/v1/customers', {
      key,
      body,
      headers: { 'idempotency-key': 'order-2' },
    });
    const again = await api.call('POST', '/v1/customers', {
      key,
      body,
      headers: { 'idempotency-key': 'order-2' },
    });
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get('location')).toBe(first.headers.get('location'));
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('the same key with a different body is refused with 422 and creates nothing', async () => {
    await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ name: 'One' }),
      headers: { 'idempotency-key': 'order-3' },
    });
    const before = (await customers()).length;
    const res = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ name: 'Two' }),
      headers: { 'idempotency-key': 'order-3' },
    });
    expect(res.status).toBe(422);
    expect(res.json.type).toBe('urn:sello:problem:idempotency-key-reused');
    expect((await customers()).length).toBe(before);
  });

  it('keys are scoped per tenant: another tenant reusing the key gets its own customer', async () => {
    const other = await createTenant('Other');
    const body = aCustomer({ name: 'Scoped' });
    const mine = await api.call('POST', '/v1/customers', {
      key,
      body,
      headers: { 'idempotency-key': 'shared' },
    });
    const theirs = await api.call('POST', '/v1/customers', {
      key: other.key,
      body,
      headers: { 'idempotency-key': 'shared' },
    });
    expect(theirs.status).toBe(201);
    expect(theirs.json.id).not.toBe(mine.json.id);
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a refused request is not remembered: fixing the body with the same key works', async () => {
    const bad = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ taxId: '12345678A' }),
      headers: { 'idempotency-key': 'order-4' },
    });
    expect(bad.status).toBe(400);
    const good = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ taxId: '12345678Z', name: 'Fixed' }),
      headers: { 'idempotency-key': 'order-4' },
    });
    expect(good.status).toBe(201);
  });

  it('keeps a replayable outcome sealed: the stored item holds neither the secret nor the key', async () => {
    const idempotencyKey = 'create-key-7f3c9a';
    const first = await api.call('POST', '/v1/api-keys', {
      key,
      body: { name: 'ERP' },
      headers: { 'idempotency-key': idempotencyKey },
    });
    expect(first.status).toBe(201);
    const again = await api.call('POST', '/v1/api-keys', {
      key,
      body: { name: 'ERP' },
      headers: { 'idempotency-key': idempotencyKey },
    });
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(first.json.key).toMatch(/^sello_/);
    expect(again.json.key).toBe(first.json.key);
    const { Items = [] } = await documentClient().send(
      new ScanCommand({
        TableName: tableName(),
        FilterExpression: 'begins_with(pk, :p)',
        ExpressionAttributeValues: { ':p': 'IDEMPOTENCY#' },
      }),
    );
    const stored = JSON.stringify(Items);
    expect(stored).toContain('sealed:v1:');
    expect(stored).not.toContain(first.json.key);
    expect(stored).not.toContain(idempotencyKey);
  });
});
