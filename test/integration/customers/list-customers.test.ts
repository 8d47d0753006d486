import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
const created: string[] = [];

beforeAll(async () => {
  ({ key } = await createTenant());
  for (let i = 0; i < 7; i++) {
    const taxId = i % 2 === 0 ? '12345678Z' : 'X1234567L';
    const res = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ taxId, name: `Customer ${i}` }),
    });
    created.push(res.json.id);
  }
});

describe('GET /v1/customers', () => {
  it('pages through every customer in creation order with an opaque cursor', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await api.call(
        'GET',
        `/v1/customers?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        { key },
      );
      expect(res.status).toBe(200);
      expect(res.json.items.length).toBeLessThanOrEqual(3);
      seen.push(...res.json.items.map((c: { id: string }) => c.id));
      cursor = res.json.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual(created);
  });

  it('filters by tax id in any spelling', async () => {
    const res = await api.call('GET', '/v1/customers?taxId=x-1234567-l', { key });
    expect(res.json.items.map((c: { id: string }) => c.id)).toEqual([
      created[1],
      created[3],
      created[5],
    ]);
  });

  it('refuses a forged cursor and a bad limit, naming the parameter', async () => {
    const forged = Buffer.from(
      JSON.stringify({ pk: 'TENANT#someone-else', sk: 'CUSTOMER#x' }),
    ).toString('base64url');
    const bad = await api.call('GET', `/v1/customers?cursor=${forged}`, { key });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('cursor');
    const garbage = await api.call('GET', '/v1/customers?cursor=%%%', { key });
    expect(garbage.status).toBe(400);
    const limit = await api.call('GET', '/v1/customers?limit=1000', { key });
    expect(limit.status).toBe(400);
    expect(limit.json.errors[0].path).toBe('query.limit');
  });
});
