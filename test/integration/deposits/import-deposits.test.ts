import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/** Prepaid deposits through the API on DynamoDB Local: recorded once per payment, listed, read. */
const api = await startApi();
let key: string;
let ana: string;
let bea: string;

const aDeposit = (reference: string, overrides: Record<string, unknown> = {}) => ({
  customerId: ana,
  amount: '50.00',
  currency: 'EUR',
  date: '2026-11-23T10:05:00+01:00',
  method: 'card',
  reference,
  ...overrides,
});

const record = (body: unknown) => api.call('POST', '/v1/deposits', { key, body });

const references = async (query = '') => {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await api.call(
      'GET',
      `/v1/deposits?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`,
      { key },
    );
    expect(res.status, res.text).toBe(200);
    out.push(...res.json.items.map((d: { reference: string }) => d.reference));
    cursor = res.json.nextCursor;
  } while (cursor);
  return out;
};

beforeAll(async () => {
  ({ key } = await createTenant());
  ana = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  bea = (await api.call('POST', '/v1/customers', { key, body: aCustomer({ name: 'Bea' }) })).json
    .id;
});

describe('POST /v1/deposits', () => {
  it('records one deposit (201), and the same payment again as already there (200)', async () => {
    const first = await record(aDeposit('ch_A1'));
    expect(first.status, first.text).toBe(201);
    expect(first.json).toMatchObject({
      reference: 'ch_A1',
      customerId: ana,
      amount: '50.00',
      currency: 'EUR',
      method: 'card',
      status: 'uninvoiced',
    });
    expect(first.json.id).toMatch(/^dep_/);
    expect(first.headers.get('location')).toBe(`/v1/deposits/${first.json.id}`);

    // Field order does not make it another payment.
    const { reference, ...rest } = aDeposit('ch_A1');
    const again = await record({ reference, ...rest });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);

    const read = await api.call('GET', `/v1/deposits/${first.json.id}`, { key });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(first.json);
  });

  it('refuses the same reference with other content: 409 naming `reference`, nothing written', async () => {
    await record(aDeposit('ch_B1'));
    const res = await record({ deposits: [aDeposit('ch_B2'), aDeposit('ch_B1', { amount: '9' })] });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.json.errors).toEqual([
      { path: 'deposits.1.reference', message: 'Deposit ch_B1 exists with other content' },
    ]);
    expect(await references('&from=2026-11-23&to=2026-11-23')).not.toContain('ch_B2');
  });

  it('checks every deposit first, naming each wrong field, and writes none of a bad batch', async () => {
    const res = await record({
      deposits: [
        aDeposit('ch_C1'),
        aDeposit('ch_C2', { customerId: 'cus_unknown' }),
        aDeposit('ch_C3', { amount: '10.005' }),
        aDeposit('ch_C4', { currency: 'JPY', amount: '100.5' }),
        aDeposit('ch_C5', { amount: '0' }),
        aDeposit('ch_C6', { date: '2099-01-01T00:00:00Z' }),
      ],
    });
    expect(res.status).toBe(400);
    const paths = res.json.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(
      [
        'deposits.1.customerId',
        'deposits.2.amount',
        'deposits.3.amount',
        'deposits.4.amount',
        'deposits.5.date',
      ].sort(),
    );
    // The body's shape is checked before anything is read: a currency ISO 4217 does not have.
    const shape = await record({
      deposits: [aDeposit('ch_C1'), aDeposit('ch_C7', { currency: 'XYZ' })],
    });
    expect(shape.status).toBe(400);
    expect(shape.json.errors).toEqual([
      { path: 'deposits.1.currency', message: 'Not a current ISO 4217 currency' },
    ]);
    expect(await references()).not.toContain('ch_C1');
  });

  it('answers a batch with what became of each, counting payments rather than entries', async () => {
    await record(aDeposit('ch_D1'));
    const res = await record({
      deposits: [aDeposit('ch_D1'), aDeposit('ch_D2'), aDeposit('ch_D2'), aDeposit('ch_D3')],
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({ created: 2, existing: 1 });
    expect(res.json.items.map((i: { created: boolean }) => i.created)).toEqual([
      false,
      true,
      true,
      true,
    ]);
  });

  it('gives one deposit when the same payment is notified twice at once', async () => {
    const [a, b] = await Promise.all([record(aDeposit('ch_E1')), record(aDeposit('ch_E1'))]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.json.id).toBe(b.json.id);
    const [c, d] = await Promise.all([
      record(aDeposit('ch_E2')),
      record(aDeposit('ch_E2', { amount: '75.00' })),
    ]);
    expect([c.status, d.status].sort()).toEqual([201, 409]);
  });
});

describe('GET /v1/deposits', () => {
  it('lists newest payment first, by customer, status and payment days, page by page', async () => {
    const { key: own } = await createTenant();
    const c1 = (await api.call('POST', '/v1/customers', { key: own, body: aCustomer() })).json.id;
    const c2 = (
      await api.call('POST', '/v1/customers', { key: own, body: aCustomer({ name: 'Bea' }) })
    ).json.id;
    const deposits = [
      aDeposit('P-1', { customerId: c1, date: '2026-10-31T23:30:00Z' }),
      aDeposit('P-2', { customerId: c2, date: '2026-11-01T08:00:00+01:00' }),
      aDeposit('P-3', { customerId: c1, date: '2026-11-15T12:00:00Z' }),
      aDeposit('P-4', { customerId: c1, date: '2026-12-01T00:00:00Z' }),
    ];
    const saved = key;
    key = own;
    try {
      expect((await record({ deposits })).status).toBe(201);
      expect(await references()).toEqual(['P-4', 'P-3', 'P-2', 'P-1']);
      expect(await references(`&customerId=${c1}`)).toEqual(['P-4', 'P-3', 'P-1']);
      expect(await references(`&customerId=${c2}`)).toEqual(['P-2']);
      // P-2 was paid at 07:00 UTC on 1 November.
      expect(await references('&from=2026-11-01&to=2026-11-30')).toEqual(['P-3', 'P-2']);
      expect(await references(`&customerId=${c1}&from=2026-11-01`)).toEqual(['P-4', 'P-3']);
      expect(await references('&status=uninvoiced&to=2026-10-31')).toEqual(['P-1']);
      expect(await references('&status=invoiced')).toEqual([]);
    } finally {
      key = saved;
    }
    const bad = await api.call('GET', '/v1/deposits?status=lost', { key });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('query.status');
  });

  it('answers 404 for an unknown id and for another tenant’s deposit', async () => {
    const mine = await record(aDeposit('ch_F1', { customerId: bea }));
    const other = await createTenant();
    const theirs = await api.call('GET', `/v1/deposits/${mine.json.id}`, { key: other.key });
    expect(theirs.status).toBe(404);
    const unknown = await api.call('GET', '/v1/deposits/dep_bm9uZQ', { key });
    expect(unknown.status).toBe(404);
  });
});
