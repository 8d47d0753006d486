import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
let customerId: string;

beforeAll(async () => {
  ({ key } = await createTenant('Ascensores Norte SL'));
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

describe('/v1/work-orders', () => {
  it('creates a pending order with catalog descriptions and assets, and no fiscal number', async () => {
    const product = await api.call('POST', '/v1/products', {
      key,
      body: {
        code: 'INSP',
        description: 'Inspección reglamentaria',
        unit: 'HUR',
        unitPrice: '90',
        taxes: [{ type: 'IVA', rate: '21' }],
      },
    });
    const res = await api.call('POST', '/v1/work-orders', {
      key,
      body: {
        customerId,
        lines: [
          { productId: product.json.id, quantity: '2' },
          { description: 'Engrase', quantity: '1' },
        ],
        assets: [{ id: 'asc-1', name: 'Ascensor Orona', serial: 'OR-77' }],
        scheduledFor: '2027-03-15',
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/work-orders/${res.json.id}`);
    expect(res.json).toMatchObject({
      status: 'pending',
      customerId,
      customer: { name: 'Ana García Pérez', email: 'ana@example.es' },
      lines: [
        {
          description: 'Inspección reglamentaria',
          quantity: '2',
          unit: 'HUR',
          productId: product.json.id,
        },
        { description: 'Engrase', quantity: '1' },
      ],
      assets: [{ id: 'asc-1', name: 'Ascensor Orona', serial: 'OR-77' }],
      scheduledFor: '2027-03-15',
      version: 1,
    });
    expect(res.json).not.toHaveProperty('number');
    expect(res.json.id).toMatch(/^wo_/);
    const got = await api.call('GET', `/v1/work-orders/${res.json.id}`, { key });
    expect([got.status, got.headers.get('etag')]).toEqual([200, '"v1"']);
  });

  it('refuses unknown customers and products by field; 404 for unknown orders', async () => {
    const res = await api.call('POST', '/v1/work-orders', {
      key,
      body: { customerId: 'cus_nobody', lines: [{ productId: 'prd_nothing', quantity: '1' }] },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'customerId', message: 'No customer cus_nobody' },
      { path: 'lines.0.productId', message: 'No product prd_nothing' },
      { path: 'lines.0.description', message: 'Give a description or a productId' },
    ]);
    expect((await api.call('GET', '/v1/work-orders/wo_missing', { key })).status).toBe(404);
  });

  it('lists newest first, filtered by status and customer, and moves orders forward only', async () => {
    const make = async () =>
      (
        await api.call('POST', '/v1/work-orders', {
          key,
          body: { customerId, lines: [{ description: 'Visita', quantity: '1' }] },
        })
      ).json.id as string;
    const first = await make();
    const second = await make();
    const moved = await api.call('PATCH', `/v1/work-orders/${first}`, {
      key,
      body: { status: 'in_progress' },
      headers: { 'if-match': '"v1"' },
    });
    expect([moved.status, moved.headers.get('etag')]).toEqual([200, '"v2"']);
    const skip = await api.call('PATCH', `/v1/work-orders/${second}`, {
      key,
      body: { status: 'done' },
    });
    expect(skip.status).toBe(409);
    const stale = await api.call('PATCH', `/v1/work-orders/${first}`, {
      key,
      body: { notes: 'x' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);

    const pending = (
      await api.call('GET', `/v1/work-orders?status=pending&customerId=${customerId}`, { key })
    ).json.items.map((o: { id: string }) => o.id);
    expect(pending.indexOf(second)).toBeGreaterThanOrEqual(0);
    expect(pending).not.toContain(first);
    const all = (await api.call('GET', '/v1/work-orders', { key })).json.items.map(
      (o: { id: string }) => o.id,
    );
    expect(all.indexOf(second)).toBeLessThan(all.indexOf(first));
  });
});
