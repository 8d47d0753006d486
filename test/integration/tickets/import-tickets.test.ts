import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;

const aTicket = (reference: string, overrides: Record<string, unknown> = {}) => ({
  reference,
  date: '2026-11-23T10:05:00+01:00',
  total: '12.10',
  currency: 'EUR',
  taxes: [{ type: 'IVA', rate: '21', base: '10.00', amount: '2.10' }],
  store: 'Centro',
  ...overrides,
});

const list = async (query = '') =>
  (await api.call('GET', `/v1/tickets?limit=200${query}`, { key })).json;

beforeAll(async () => {
  ({ key } = await createTenant());
});

describe('POST /v1/tickets', () => {
  it('imports one ticket (201), and answers the same import again as already there (200)', async () => {
    const first = await api.call('POST', '/v1/tickets', { key, body: aTicket('A-1') });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({
      reference: 'A-1',
      date: '2026-11-23T10:05:00+01:00',
      total: '12.10',
      currency: 'EUR',
      status: 'open',
      store: 'Centro',
    });
    expect(first.json.id).toMatch(/^tkt_/);
    expect(first.headers.get('location')).toBe(`/v1/tickets/${first.json.id}`);

    // Field order and a rate written differently do not make it another ticket.
    const { store, ...rest } = aTicket('A-1');
    const again = await api.call('POST', '/v1/tickets', { key, body: { store, ...rest } });
    expect(again.status).toBe(200);
    expect(again.json).toEqual(first.json);

    const read = await api.call('GET', `/v1/tickets/${first.json.id}`, { key });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(first.json);
  });

  it('refuses the same reference with other content: 409 naming `reference`, nothing written', async () => {
    await api.call('POST', '/v1/tickets', { key, body: aTicket('B-1') });
    const res = await api.call('POST', '/v1/tickets', {
      key,
      body: aTicket('B-1', {
        total: '24.20',
        taxes: [{ type: 'IVA', rate: '21', base: '20.00', amount: '4.20' }],
      }),
    });
    expect(res.status).toBe(409);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.json.errors).toEqual([
      { path: 'reference', message: 'Ticket B-1 exists with other content' },
    ]);

    const batch = await api.call('POST', '/v1/tickets', {
      key,
      body: { tickets: [aTicket('B-2'), aTicket('B-1', { store: 'Norte' }), aTicket('B-3')] },
    });
    expect(batch.status).toBe(409);
    expect(batch.json.errors).toEqual([
      { path: 'tickets.1.reference', message: 'Ticket B-1 exists with other content' },
    ]);
    expect((await list('&reference=B-2')).items).toEqual([]);
    expect((await list('&reference=B-3')).items).toEqual([]);
  });

  it('imports a batch, new and repeated tickets together, saying which were new', async () => {
    await api.call('POST', '/v1/tickets', { key, body: aTicket('C-1') });
    const res = await api.call('POST', '/v1/tickets', {
      key,
      body: {
        tickets: [
          aTicket('C-1'),
          aTicket('C-2'),
          aTicket('C-3', {
            total: '16.50',
            taxes: undefined,
            lines: [
              {
                description: 'Café',
                quantity: '2',
                unitPrice: '1.50',
                taxes: [{ type: 'IVA', rate: '10' }],
              },
              {
                description: 'Tostada',
                quantity: '3',
                unitPrice: '4.00',
                taxes: [{ type: 'IVA', rate: '10' }],
              },
            ],
          }),
          aTicket('C-2'),
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json.created).toBe(2);
    expect(res.json.existing).toBe(1);
    expect(
      res.json.items.map((i: { reference: string; created: boolean }) => [i.reference, i.created]),
    ).toEqual([
      ['C-1', false],
      ['C-2', true],
      ['C-3', true],
      ['C-2', true],
    ]);
  });

  it('refuses a bad batch naming each field, and writes nothing of it', async () => {
    const res = await api.call('POST', '/v1/tickets', {
      key,
      body: {
        tickets: [
          aTicket('D-1'),
          aTicket('D-2', { date: '2026-11-23T10:05:00' }),
          aTicket('D-3', { total: 12.1 }),
          aTicket('D-4', { total: '13.10' }),
          aTicket('D-5', { taxes: [{ type: 'IVA', rate: '21', base: '10.00', amount: '2.11' }] }),
        ],
      },
    });
    expect(res.status).toBe(400);
    const paths = res.json.errors.map((e: { path: string }) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['tickets.1.date', 'tickets.2.total']));
    expect((await list('&reference=D-1')).items).toEqual([]);

    // The shape is right: now the sums are what is wrong.
    const sums = await api.call('POST', '/v1/tickets', {
      key,
      body: {
        tickets: [
          aTicket('D-1'),
          aTicket('D-4', { total: '13.10' }),
          aTicket('D-5', {
            total: '12.11',
            taxes: [{ type: 'IVA', rate: '21', base: '10.00', amount: '2.11' }],
          }),
          aTicket('D-6', { date: '2099-01-01T00:00:00Z' }),
          aTicket('D-1', { store: 'Sur' }),
        ],
      },
    });
    expect(sums.status).toBe(400);
    expect(sums.json.errors).toEqual([
      { path: 'tickets.1.total', message: 'The tax breakdown adds up to 12.10, not 13.10' },
      { path: 'tickets.2.taxes.0.amount', message: '10.00 at 21 % is 2.10, not 2.11' },
      { path: 'tickets.3.date', message: 'The sale is in the future' },
      {
        path: 'tickets.4.reference',
        message: 'Also the reference of tickets.0, with other content',
      },
    ]);
    expect((await list('&reference=D-1')).items).toEqual([]);
  });

  it('takes lines that do not give the total as wrong, naming the total', async () => {
    const res = await api.call('POST', '/v1/tickets', {
      key,
      body: aTicket('E-1', {
        taxes: undefined,
        lines: [
          {
            description: 'Menú',
            quantity: '1',
            unitPrice: '10.00',
            taxes: [{ type: 'IVA', rate: '10' }],
          },
        ],
      }),
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'total', message: 'The lines add up to 11.00, not 12.10' },
    ]);
  });

  it('keeps one ticket when concurrent imports race on one reference', async () => {
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        api.call('POST', '/v1/tickets', {
          key,
          body: { tickets: [aTicket('F-1'), aTicket('F-2')] },
        }),
      ),
    );
    // Each reference is created by exactly one of them; the others find it there.
    for (const a of answers) expect([200, 201]).toContain(a.status);
    const created = answers.flatMap((a) =>
      a.json.items.filter((i: { created: boolean }) => i.created),
    );
    expect(created.map((i: { reference: string }) => i.reference).sort()).toEqual(['F-1', 'F-2']);
  });
});

describe('GET /v1/tickets', () => {
  it('lists newest sale first, by status, store and sale day', async () => {
    await api.call('POST', '/v1/tickets', {
      key,
      body: {
        tickets: [
          aTicket('G-1', { date: '2026-10-01T09:00:00+02:00', store: 'Playa' }),
          aTicket('G-2', { date: '2026-10-02T09:00:00+02:00', store: 'Playa' }),
          aTicket('G-3', { date: '2026-10-03T09:00:00+02:00', store: 'Monte' }),
        ],
      },
    });
    const playa = await list('&store=Playa');
    expect(playa.items.map((t: { reference: string }) => t.reference)).toEqual(['G-2', 'G-1']);
    const day = await list('&from=2026-10-02&to=2026-10-03');
    expect(day.items.map((t: { reference: string }) => t.reference)).toEqual(['G-3', 'G-2']);
    const open = await list('&status=open&from=2026-10-01&to=2026-10-01');
    expect(open.items.map((t: { reference: string }) => t.reference)).toEqual(['G-1']);
    expect((await list('&status=invoiced')).items).toEqual([]);
  });

  it('pages with a cursor', async () => {
    const first = await api.call('GET', '/v1/tickets?limit=2', { key });
    expect(first.json.items).toHaveLength(2);
    const second = await api.call('GET', `/v1/tickets?limit=2&cursor=${first.json.nextCursor}`, {
      key,
    });
    expect(second.json.items).toHaveLength(2);
    expect(second.json.items[0].id).not.toBe(first.json.items[0].id);
    const bad = await api.call('GET', '/v1/tickets?cursor=bm9wZQ', { key });
    expect(bad.status).toBe(400);
  });

  it('answers 404 for an unknown ticket, and for another tenant’s', async () => {
    const mine = await api.call('POST', '/v1/tickets', { key, body: aTicket('H-1') });
    const other = await createTenant();
    expect((await api.call('GET', `/v1/tickets/${mine.json.id}`, { key: other.key })).status).toBe(
      404,
    );
    expect((await api.call('GET', '/v1/tickets/tkt_bm9wZQ', { key })).status).toBe(404);
    expect((await api.call('GET', '/v1/tickets/whatever', { key })).status).toBe(404);
  });
});
