import { invoiceDeps } from '@sello/app/invoices';
import { documentClient, tableName } from '@sello/app/platform';
import { DynamoInvoiceRepository } from '@sello/aws';
import { defaultDepositTreatment, depositTotals } from '@sello/core/deposits';
import { issueInvoice } from '@sello/core/invoices';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/**
 * Invoices of prepaid deposits through the API on DynamoDB Local: a draft from `depositIds`,
 * issuing that takes them in the numbering transaction, and corrections that give them back.
 */
const api = await startApi();
let key: string;
let tenantId: string;
let ana: string;
let bea: string;
let n = 0;

interface DepositView {
  id: string;
  reference: string;
  amount: string;
  currency: string;
  date: string;
  status: string;
  invoiceId?: string;
}

async function deposit(
  customerId: string,
  amount: string,
  overrides: Record<string, unknown> = {},
) {
  const res = await api.call('POST', '/v1/deposits', {
    key,
    body: {
      customerId,
      amount,
      currency: 'EUR',
      date: `2026-11-${String(10 + (n % 18)).padStart(2, '0')}T10:00:00+01:00`,
      method: 'card',
      reference: `pay_${++n}`,
      ...overrides,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.json as DepositView;
}

const draft = (body: Record<string, unknown>) =>
  api.call('POST', '/v1/invoices', { key, body: { customerId: ana, ...body } });
const issue = (id: string) => api.call('POST', `/v1/invoices/${id}/issue`, { key });
const read = async (id: string) =>
  (await api.call('GET', `/v1/deposits/${id}`, { key })).json as DepositView;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant());
  ana = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  bea = (await api.call('POST', '/v1/customers', { key, body: aCustomer({ name: 'Bea' }) })).json
    .id;
});

describe('a draft from depositIds', () => {
  it('has a line per deposit under the default treatment, with the figures the card shows', async () => {
    const a = await deposit(ana, '121.00');
    const b = await deposit(ana, '50.00');
    const res = await draft({ depositIds: [b.id, a.id] });
    expect(res.status, res.text).toBe(201);
    expect(res.json.depositIds).toEqual([b.id, a.id]);
    // Lines in payment order; each base is the one whose total is what was paid.
    expect(
      res.json.lines.map((l: { description: string; unitPrice: string }) => l.unitPrice),
    ).toEqual(['100.00', '41.32']);
    expect(res.json.lines[0].description).toBe(
      `Anticipo · ${a.date.slice(0, 10)} · ${a.reference}`,
    );
    expect(res.json.totals).toMatchObject({ net: '141.32', tax: '29.68', total: '171.00' });
    expect(res.json.payment).toMatchObject({ means: 'card' });
    // The total card's function says the same.
    expect(depositTotals([a, b], defaultDepositTreatment('ES'), 'ES')).toMatchObject({
      count: 2,
      net: res.json.totals.net,
      tax: res.json.totals.tax,
      total: res.json.totals.total,
    });
    // A draft takes nothing: the deposits stay uninvoiced until it is issued.
    expect((await read(a.id)).status).toBe('uninvoiced');
  });

  it('follows the tenant setting and the customer override, and a concept given', async () => {
    const patch = await api.call('PATCH', '/v1/settings', {
      key,
      body: {
        deposits: {
          concept: 'Recarga de saldo',
          taxes: [{ type: 'IVA', rate: '10' }],
          lines: 'grouped',
        },
      },
    });
    expect(patch.status, patch.text).toBe(200);
    const a = await deposit(bea, '11.00');
    const b = await deposit(bea, '22.00');
    const grouped = await draft({ customerId: bea, depositIds: [a.id, b.id] });
    expect(grouped.status, grouped.text).toBe(201);
    expect(grouped.json.lines).toHaveLength(1);
    expect(grouped.json.lines[0]).toMatchObject({
      description: 'Recarga de saldo',
      unitPrice: '30.00',
    });
    expect(grouped.json.totals.total).toBe('33.00');

    const own = await api.call('PATCH', `/v1/customers/${bea}`, {
      key,
      body: {
        depositTreatment: {
          concept: 'Bono',
          taxes: [{ type: 'IVA', rate: '21' }],
          lines: 'perDeposit',
        },
      },
    });
    expect(own.status, own.text).toBe(200);
    const custom = await draft({ customerId: bea, depositIds: [a.id], concept: 'Bono mensual' });
    expect(custom.status, custom.text).toBe(201);
    expect(custom.json.lines[0].description).toMatch(/^Bono mensual · /);
    expect(custom.json.lines[0].taxes).toEqual([{ type: 'IVA', rate: '21' }]);

    // The concept is corrected on the draft before issue.
    const corrected = await api.call('PATCH', `/v1/invoices/${custom.json.id}`, {
      key,
      body: { concept: 'Bono de diciembre' },
    });
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.json.lines[0].description).toMatch(/^Bono de diciembre · /);
    await api.call('PATCH', '/v1/settings', { key, body: { deposits: null } });
  });

  it('refuses bad requests naming the field, and writes nothing', async () => {
    const mine = await deposit(ana, '10.00');
    const theirs = await deposit(bea, '10.00');
    const usd = await deposit(ana, '10.00', { currency: 'USD' });
    const cases: Array<[Record<string, unknown>, number, string]> = [
      [
        {
          depositIds: [mine.id],
          lines: [{ description: 'x', quantity: '1', unitPrice: '1', taxes: [] }],
        },
        400,
        'depositIds',
      ],
      [{}, 400, 'lines'],
      [
        {
          lines: [
            {
              description: 'x',
              quantity: '1',
              unitPrice: '1',
              taxes: [{ type: 'IVA', rate: '21' }],
            },
          ],
          concept: 'x',
        },
        400,
        'concept',
      ],
      [{ depositIds: [theirs.id] }, 400, 'depositIds.0'],
      [{ depositIds: [mine.id, 'dep_nope'] }, 400, 'depositIds.1'],
      [{ depositIds: [mine.id, mine.id] }, 400, 'depositIds.1'],
      [{ depositIds: [mine.id, usd.id] }, 400, 'depositIds.1'],
      [{ depositIds: [usd.id], currency: 'EUR' }, 400, 'currency'],
    ];
    const before = (await api.call('GET', '/v1/invoices?limit=100', { key })).json.items.length;
    for (const [body, status, path] of cases) {
      const res = await draft(body);
      expect(res.status, `${JSON.stringify(body)}: ${res.text}`).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.json.errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect((await api.call('GET', '/v1/invoices?limit=100', { key })).json.items).toHaveLength(
      before,
    );
  });
});

describe('issuing a draft of deposits', () => {
  it('two concurrent issues over a shared deposit: one invoice, one 409 naming it', async () => {
    const [d1, d2, d3] = [
      await deposit(ana, '10.00'),
      await deposit(ana, '20.00'),
      await deposit(ana, '30.00'),
    ];
    const first = (await draft({ depositIds: [d1.id, d2.id] })).json;
    const second = (await draft({ depositIds: [d3.id, d2.id] })).json;
    const [a, b] = await Promise.all([issue(first.id), issue(second.id)]);
    const won = [a, b].filter((r) => r.status === 200);
    const lost = [a, b].filter((r) => r.status === 409);
    expect(won, `${a.text} / ${b.text}`).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]!.json;
    const loserId = winner.id === first.id ? second.id : first.id;
    // The loser named d2 where its draft has it.
    expect(lost[0]!.json.errors).toEqual([expect.objectContaining({ path: 'depositIds.1' })]);
    expect(lost[0]!.json.errors[0].message).toContain(d2.id);
    // The deposits show the one invoice; the loser is still a draft and took nothing.
    expect(await read(d2.id)).toMatchObject({ status: 'invoiced', invoiceId: winner.id });
    const mine = winner.id === first.id ? [d1, d2] : [d3, d2];
    for (const d of mine) expect((await read(d.id)).invoiceId).toBe(winner.id);
    const other = winner.id === first.id ? d3 : d1;
    expect(await read(other.id)).toMatchObject({ status: 'uninvoiced' });
    expect((await api.call('GET', `/v1/invoices/${loserId}`, { key })).json.status).toBe('draft');
    // The list by status agrees.
    const invoiced = await api.call(
      'GET',
      `/v1/deposits?customerId=${ana}&status=invoiced&limit=100`,
      {
        key,
      },
    );
    expect(invoiced.json.items.map((d: DepositView) => d.id)).toEqual(
      expect.arrayContaining([d2.id]),
    );
  });

  it('containers racing over overlapping deposits: each deposit billed once, gapless numbers', async () => {
    // Eight drafts in a ring, each sharing a deposit with the next: separate repositories (one
    // per container), so only the transactions' conditions keep them apart.
    const ring = [];
    for (let i = 0; i < 8; i++) ring.push(await deposit(ana, '1.21'));
    const drafts = [];
    for (let i = 0; i < 8; i++) {
      const ids = [ring[i]!.id, ring[(i + 1) % 8]!.id];
      drafts.push((await draft({ depositIds: ids })).json.id as string);
    }
    const containers = Array.from({ length: 4 }, () =>
      issueInvoice({
        ...invoiceDeps(),
        invoices: new DynamoInvoiceRepository(documentClient(), tableName()),
      }),
    );
    const results = await Promise.allSettled(
      drafts.map((id, i) => containers[i % 4]!(tenantId, id)),
    );
    const won = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    for (const r of results) {
      if (r.status === 'rejected') expect(r.reason.constructor.name).toBe('ConflictError');
    }
    // At most every other draft of the ring can win; each deposit is billed by at most one.
    expect(won.length).toBeGreaterThan(0);
    expect(won.length).toBeLessThanOrEqual(4);
    // The losers took no number: the winners' numbers follow each other.
    const sequences = won.map((inv) => inv.sequence!).sort((a, b) => a - b);
    expect(sequences).toEqual(sequences.map((_, i) => sequences[0]! + i));
    const billed = won.flatMap((inv) => inv.deposits ?? []);
    expect(new Set(billed).size).toBe(billed.length);
    for (const d of ring) {
      const now = await read(d.id);
      const holder = won.find((inv) => inv.deposits?.includes(d.id));
      expect(now.invoiceId).toBe(holder?.id);
      expect(now.status).toBe(holder ? 'invoiced' : 'uninvoiced');
    }
  });

  it('a deposit already invoiced cannot go into a new draft (409 naming it)', async () => {
    const d = await deposit(ana, '15.00');
    const inv = (await draft({ depositIds: [d.id] })).json;
    expect((await issue(inv.id)).status).toBe(200);
    const again = await draft({ depositIds: [d.id] });
    expect(again.status).toBe(409);
    expect(again.json.errors).toEqual([
      { path: 'depositIds.0', message: `Deposit ${d.id} is already invoiced by ${inv.id}` },
    ]);
  });
});

describe('corrections give deposits back', () => {
  const issued = async (...amounts: string[]) => {
    const deposits = [];
    for (const a of amounts) deposits.push(await deposit(ana, a));
    const d = (await draft({ depositIds: deposits.map((x) => x.id) })).json;
    const res = await issue(d.id);
    expect(res.status, res.text).toBe(200);
    return { invoice: res.json, deposits };
  };

  it('cancelling releases every deposit', async () => {
    const { invoice, deposits } = await issued('12.10', '24.20');
    const res = await api.call('POST', `/v1/invoices/${invoice.id}/cancel`, { key, body: {} });
    expect(res.status, res.text).toBe(200);
    for (const d of deposits) {
      const now = await read(d.id);
      expect(now.status).toBe('uninvoiced');
      expect(now.invoiceId).toBeUndefined();
    }
    // Free again: a new invoice may bill them.
    const next = (await draft({ depositIds: deposits.map((d) => d.id) })).json;
    expect((await issue(next.id)).status).toBe(200);
  });

  it('a rectification gives back the deposits it names (the part rectified)', async () => {
    const { invoice, deposits } = await issued('12.10', '24.20');
    const [keep, back] = deposits as [DepositView, DepositView];
    const res = await api.call('POST', `/v1/invoices/${invoice.id}/rectify`, {
      key,
      body: {
        reasonCode: '16',
        method: 'differences',
        lines: [
          {
            description: 'Devolución',
            quantity: '-1',
            unitPrice: '20.00',
            taxes: [{ type: 'IVA', rate: '21' }],
          },
        ],
        releaseDepositIds: [back.id],
      },
    });
    expect(res.status, res.text).toBe(200);
    expect(await read(back.id)).toMatchObject({ status: 'uninvoiced' });
    expect(await read(keep.id)).toMatchObject({ status: 'invoiced', invoiceId: invoice.id });

    const wrong = await api.call('POST', `/v1/invoices/${invoice.id}/rectify`, {
      key,
      body: {
        reasonCode: '16',
        method: 'differences',
        lines: [
          {
            description: 'x',
            quantity: '-1',
            unitPrice: '1.00',
            taxes: [{ type: 'IVA', rate: '21' }],
          },
        ],
        releaseDepositIds: ['dep_other'],
      },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors[0].path).toBe('releaseDepositIds.0');
  });

  it('a split by deposits hands each deposit to its part', async () => {
    const { invoice, deposits } = await issued('12.10', '24.20', '36.30');
    const [a, b, c] = deposits as [DepositView, DepositView, DepositView];
    const res = await api.call('POST', `/v1/invoices/${invoice.id}/split`, {
      key,
      body: { parts: [{ depositIds: [a.id, c.id] }, { depositIds: [b.id] }] },
    });
    expect(res.status, res.text).toBe(200);
    const [p1, p2] = res.json.replacements;
    expect(p1.depositIds).toEqual([a.id, c.id]);
    expect(p2).toMatchObject({ customerId: ana, depositIds: [b.id] });
    expect(await read(a.id)).toMatchObject({ status: 'invoiced', invoiceId: p1.id });
    expect(await read(c.id)).toMatchObject({ status: 'invoiced', invoiceId: p1.id });
    expect(await read(b.id)).toMatchObject({ status: 'invoiced', invoiceId: p2.id });

    const { invoice: other, deposits: two } = await issued('10.00', '20.00');
    const bad = await api.call('POST', `/v1/invoices/${other.id}/split`, {
      key,
      body: { parts: [{ depositIds: [two[0]!.id] }, { depositIds: [two[0]!.id] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toContain('parts.1.depositIds.0');
  });
});
