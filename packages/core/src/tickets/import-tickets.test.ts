import { describe, expect, it } from 'vitest';
import { fixedClock, sequentialIds } from '../../testing/catalog.ts';
import { InMemoryTickets } from '../../testing/tickets.ts';
import { ConflictError, ValidationError } from '../errors.ts';
import { importTickets } from './import-tickets.ts';
import type { Ticket, TicketInput } from './model.ts';
import { contentHash, referenceOfId, ticketId, ticketProblems } from './validate.ts';

const T = 'ten_1';
const ticket = (reference: string, overrides: Partial<TicketInput> = {}): TicketInput => ({
  reference,
  date: '2026-11-23T10:05:00+01:00',
  total: '12.10',
  currency: 'EUR',
  taxes: [{ type: 'IVA', rate: '21', base: '10.00', amount: '2.10' }],
  ...overrides,
});

const setup = () => {
  const tickets = new InMemoryTickets();
  return { tickets, run: importTickets({ tickets, clock: fixedClock, ids: sequentialIds() }) };
};

const now = fixedClock.now();

describe('ticketProblems', () => {
  it('accepts a breakdown with recargo and IRPF that adds up', () => {
    expect(
      ticketProblems(
        ticket('a', {
          total: '117.20',
          taxes: [
            { type: 'IVA', rate: '21', base: '100.00', amount: '21.00' },
            { type: 'RE', rate: '5.2', base: '100.00', amount: '5.20' },
            { type: 'IRPF', rate: '15', base: '100.00', amount: '15.00' },
            { type: 'IVA', rate: '0', base: '6.00', amount: '0.00', exemption: 'E1' },
          ],
        }),
        now,
      ),
    ).toEqual([]);
  });

  it('names a quota that is not its base × rate, and a total the rows do not give', () => {
    expect(
      ticketProblems(
        ticket('a', {
          total: '12.00',
          taxes: [{ type: 'IVA', rate: '10', base: '10.00', amount: '1.01' }],
        }),
        now,
        'tickets.7',
      ),
    ).toEqual([{ path: 'tickets.7.taxes.0.amount', message: '10.00 at 10 % is 1.00, not 1.01' }]);
    expect(ticketProblems(ticket('a', { total: '12.00' }), now)).toEqual([
      { path: 'total', message: 'The tax breakdown adds up to 12.10, not 12.00' },
    ]);
  });

  it('checks lines against the total and the breakdown, as the tax engine computes them', () => {
    const lines = [
      {
        description: 'A',
        quantity: '3',
        unitPrice: '0.333333',
        taxes: [{ type: 'IVA' as const, rate: '21' }],
      },
    ];
    // 3 × 0.333333 = 0.999999 → base 1.00, IVA 0.21.
    expect(ticketProblems(ticket('a', { total: '1.21', taxes: undefined, lines }), now)).toEqual(
      [],
    );
    expect(ticketProblems(ticket('a', { total: '1.21', lines }), now)).toEqual([
      { path: 'total', message: 'The tax breakdown adds up to 12.10, not 1.21' },
      { path: 'taxes', message: 'The tax breakdown is not the one the lines give' },
    ]);
  });

  it('refuses a sale in the future and a total of zero', () => {
    expect(ticketProblems(ticket('a', { date: '2026-11-23T13:00:00+01:00' }), now)).toEqual([
      { path: 'date', message: 'The sale is in the future' },
    ]);
    expect(
      ticketProblems(ticket('a', { total: '0.00', taxes: undefined }), now).map((e) => e.path),
    ).toEqual(['total']);
  });
});

describe('ids and hashes', () => {
  it('derives the id from the reference and back', () => {
    expect(referenceOfId(ticketId('0001/2026 #12'))).toBe('0001/2026 #12');
    expect(referenceOfId('tkt_')).toBeUndefined();
    expect(referenceOfId('cus_1')).toBeUndefined();
    expect(referenceOfId('tkt_AAAA=')).toBeUndefined();
  });

  it('hashes content regardless of key order', () => {
    const { currency, ...rest } = ticket('a');
    expect(contentHash({ ...rest, currency })).toBe(contentHash(ticket('a')));
    expect(contentHash(ticket('a', { store: 'x' }))).not.toBe(contentHash(ticket('a')));
  });
});

describe('importTickets', () => {
  it('writes new tickets open, and answers repeated ones as they are', async () => {
    const { tickets, run } = setup();
    const first = await run(T, [ticket('a')], false);
    expect(first).toEqual([
      {
        ticket: expect.objectContaining({ status: 'open', soldAt: '2026-11-23T09:05:00.000Z' }),
        created: true,
      },
    ]);
    const again = await run(T, [ticket('a'), ticket('b')], true);
    expect(again.map((t) => [t.ticket.reference, t.created])).toEqual([
      ['a', false],
      ['b', true],
    ]);
    expect(tickets.items.size).toBe(2);
  });

  it('refuses other content under a stored reference, writing nothing', async () => {
    const { tickets, run } = setup();
    await run(T, [ticket('a')], false);
    const attempt = run(T, [ticket('b'), ticket('a', { store: 'x' })], true);
    await expect(attempt).rejects.toBeInstanceOf(ConflictError);
    await expect(attempt).rejects.toMatchObject({
      errors: [{ path: 'tickets.1.reference', message: 'Ticket a exists with other content' }],
    });
    expect([...tickets.items.keys()]).toEqual([`${T}/a`]);
  });

  it('takes back what it wrote when a concurrent import won a reference with other content', async () => {
    const { tickets, run } = setup();
    tickets.raceBeforeCreate = () =>
      tickets.put({
        ...ticket('b', { store: 'other till' }),
        id: ticketId('b'),
        tenantId: T,
        status: 'open',
        soldAt: '2026-11-23T09:05:00.000Z',
        contentHash: contentHash(ticket('b', { store: 'other till' })),
        importId: 'imp_other',
        createdAt: now.toISOString(),
        updatedAt: now.toISOString(),
      } satisfies Ticket);
    const attempt = run(T, [ticket('a'), ticket('b'), ticket('c')], true);
    await expect(attempt).rejects.toMatchObject({
      errors: [{ path: 'tickets.1.reference', message: 'Ticket b exists with other content' }],
    });
    expect([...tickets.items.values()].map((t) => [t.reference, t.importId])).toEqual([
      ['b', 'imp_other'],
    ]);
  });

  it('counts a concurrent import of the same content as already there', async () => {
    const { tickets, run } = setup();
    const theirs = (await setup().run(T, [ticket('b')], false))[0]!.ticket;
    tickets.raceBeforeCreate = () => tickets.put({ ...theirs, importId: 'imp_other' });
    const result = await run(T, [ticket('a'), ticket('b')], true);
    expect(result.map((t) => [t.ticket.reference, t.created, t.ticket.importId])).toEqual([
      ['a', true, 'imp_00000000000000000000000001'],
      ['b', false, 'imp_other'],
    ]);
  });

  it('refuses a bad ticket in a batch naming it, and writes none', async () => {
    const { tickets, run } = setup();
    const attempt = run(T, [ticket('a'), ticket('b', { total: '1.00' })], true);
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      errors: [
        { path: 'tickets.1.total', message: 'The tax breakdown adds up to 12.10, not 1.00' },
      ],
    });
    expect(tickets.items.size).toBe(0);
  });
});
