import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
const ids: Record<string, string> = {};

const line = {
  description: 'Servicio',
  quantity: '1',
  unitPrice: '10.00',
  taxes: [{ type: 'IVA', rate: '21' }],
};

beforeAll(async () => {
  ({ key } = await createTenant());
  const a = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  const b = (await api.call('POST', '/v1/customers', { key, body: aCustomer({ name: 'Bea' }) }))
    .json.id;
  ids.a = a;
  ids.b = b;
  for (const [customerId, issue] of [
    [a, true],
    [a, false],
    [b, true],
  ] as const) {
    const d = (await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: [line] } }))
      .json;
    if (issue) await api.call('POST', `/v1/invoices/${d.id}/issue`, { key });
  }
});

describe('GET /v1/invoices', () => {
  it('filters by status and customer', async () => {
    const issued = await api.call('GET', '/v1/invoices?status=issued', { key });
    expect(issued.json.items).toHaveLength(2);
    const ofA = await api.call('GET', `/v1/invoices?customerId=${ids.a}`, { key });
    expect(ofA.json.items).toHaveLength(2);
    const drafts = await api.call('GET', `/v1/invoices?status=draft&customerId=${ids.b}`, { key });
    expect(drafts.json.items).toEqual([]);
    const bad = await api.call('GET', '/v1/invoices?status=lost', { key });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('query.status');
  });

  it('pages with a cursor', async () => {
    const first = await api.call('GET', '/v1/invoices?limit=2', { key });
    expect(first.json.items).toHaveLength(2);
    const second = await api.call('GET', `/v1/invoices?limit=2&cursor=${first.json.nextCursor}`, {
      key,
    });
    expect(second.json.items).toHaveLength(1);
  });
});
