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

  it('lists a period by issue date, drafts left out, paging inside it', async () => {
    const { key: own } = await createTenant();
    const customerId = (await api.call('POST', '/v1/customers', { key: own, body: aCustomer() }))
      .json.id;
    const numbers: Record<string, string> = {};
    for (const issueDate of ['2026-01-10', '2026-02-10', '2026-02-20', '2026-03-05']) {
      const d = await api.call('POST', '/v1/invoices', {
        key: own,
        body: { customerId, issueDate, lines: [line] },
      });
      expect(d.status, d.text).toBe(201);
      const issued = await api.call('POST', `/v1/invoices/${d.json.id}/issue`, { key: own });
      expect(issued.status, issued.text).toBe(200);
      numbers[issueDate] = issued.json.number;
    }
    await api.call('POST', '/v1/invoices', { key: own, body: { customerId, lines: [line] } });
    const dates = async (query: string) => {
      const out: string[] = [];
      let cursor: string | undefined;
      do {
        const res = await api.call(
          'GET',
          `/v1/invoices?limit=1${query}${cursor ? `&cursor=${cursor}` : ''}`,
          { key: own },
        );
        expect(res.status, res.text).toBe(200);
        out.push(...res.json.items.map((i: { issueDate: string }) => i.issueDate));
        cursor = res.json.nextCursor;
      } while (cursor);
      return out;
    };
    expect(await dates('&from=2026-02-01&to=2026-02-28')).toEqual(['2026-02-20', '2026-02-10']);
    expect(await dates('&from=2026-02-20')).toEqual(['2026-03-05', '2026-02-20']);
    expect(await dates('&to=2026-01-31')).toEqual(['2026-01-10']);
    expect(await dates('&from=2026-03-05&to=2026-03-05')).toEqual(['2026-03-05']);
  });
});
