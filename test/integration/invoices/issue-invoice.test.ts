import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
let customerId: string;
const year = new Date().getUTCFullYear();

const line = {
  description: 'Servicio',
  quantity: '1',
  unitPrice: '100.00',
  taxes: [{ type: 'IVA', rate: '21' }],
};
const draft = async (extra: Record<string, unknown> = {}, k = key) =>
  (
    await api.call('POST', '/v1/invoices', {
      key: k,
      body: { customerId, lines: [line], ...extra },
    })
  ).json;

beforeAll(async () => {
  ({ key } = await createTenant());
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

describe('POST /v1/invoices/{id}/issue', () => {
  it('numbers the draft in its series and freezes it', async () => {
    const d = await draft();
    const res = await api.call('POST', `/v1/invoices/${d.id}/issue`, { key });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: 'issued', series: 'F', totals: { total: '121.00' } });
    expect(res.json.number).toMatch(new RegExp(`^F${year}-\\d{6}$`));
    expect(res.json.events.map((e: { type: string }) => e.type)).toEqual(['created', 'issued']);
    const edit = await api.call('PATCH', `/v1/invoices/${d.id}`, {
      key,
      body: { notes: 'late edit' },
    });
    expect(edit.status).toBe(409);
    expect(edit.json.type).toBe('urn:sello:problem:conflict');
    const again = await api.call('POST', `/v1/invoices/${d.id}/issue`, { key });
    expect(again.status).toBe(409);
  });

  it('gives 30 concurrent issues 30 unique consecutive numbers', async () => {
    const drafts = await Promise.all(Array.from({ length: 30 }, () => draft()));
    const results = await Promise.all(
      drafts.map((d) => api.call('POST', `/v1/invoices/${d.id}/issue`, { key })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(30).fill(200));
    const sequences = results.map((r) => Number(r.json.number.split('-')[1])).sort((a, b) => a - b);
    const first = sequences[0]!;
    expect(sequences).toEqual(Array.from({ length: 30 }, (_, i) => first + i));
  });

  it('numbers each series on its own, with its own prefix', async () => {
    const created = await api.call('POST', '/v1/series', {
      key,
      body: { code: 'TPV', kind: 'standard', prefix: 'T/', yearlyReset: false, padding: 4 },
    });
    expect(created.status).toBe(201);
    const a = await draft({ series: 'TPV' });
    const b = await draft({ series: 'TPV' });
    expect((await api.call('POST', `/v1/invoices/${a.id}/issue`, { key })).json.number).toBe(
      'T/0001',
    );
    expect((await api.call('POST', `/v1/invoices/${b.id}/issue`, { key })).json.number).toBe(
      'T/0002',
    );
    const dup = await api.call('POST', '/v1/series', {
      key,
      body: { code: 'TPV', kind: 'standard' },
    });
    expect(dup.status).toBe(409);
    const wrongKind = await api.call('POST', '/v1/invoices', {
      key,
      body: { customerId, series: 'R', lines: [line] },
    });
    expect(wrongKind.status).toBe(400);
    expect(wrongKind.json.errors[0].path).toBe('series');
  });

  it('refuses a future date and dates that would break the series order, burning no number', async () => {
    await api.call('POST', '/v1/series', {
      key,
      body: { code: 'ORD', kind: 'standard', prefix: 'O', yearlyReset: false },
    });
    const future = await draft({ series: 'ORD', issueDate: '2999-01-01' });
    const res = await api.call('POST', `/v1/invoices/${future.id}/issue`, { key });
    expect(res.status).toBe(400);
    expect(res.json.errors[0].path).toBe('issueDate');
    const today = await draft({ series: 'ORD' });
    expect((await api.call('POST', `/v1/invoices/${today.id}/issue`, { key })).json.number).toBe(
      'O000001',
    );
    const backdated = await draft({ series: 'ORD', issueDate: '2020-01-01' });
    const late = await api.call('POST', `/v1/invoices/${backdated.id}/issue`, { key });
    expect(late.status).toBe(400);
    expect(late.json.errors[0].message).toMatch(/already has an invoice dated/);
    expect((await api.call('GET', `/v1/invoices/${backdated.id}`, { key })).json.status).toBe(
      'draft',
    );
    const next = await draft({ series: 'ORD' });
    expect((await api.call('POST', `/v1/invoices/${next.id}/issue`, { key })).json.number).toBe(
      'O000002',
    );
  });

  it("is 404 for another tenant's draft", async () => {
    const other = await createTenant('Other');
    const d = await draft();
    expect((await api.call('POST', `/v1/invoices/${d.id}/issue`, { key: other.key })).status).toBe(
      404,
    );
  });
});
