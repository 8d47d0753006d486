import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../support/api.ts';
import { type Json, TAX_IDS, tenantWithTaxId } from '../../support/exchange.ts';

const api = await startApi();
const dir = mkdtempSync(join(tmpdir(), 'sello-inbox-'));
type Tenant = Awaited<ReturnType<typeof tenantWithTaxId>>;
/** A issues; B is A's customer by tax id; C is a stranger who also invoices B. */
let a: Tenant;
let b: Tenant;
let c: Tenant;
const customerOfB = new Map<string, string>();

beforeAll(async () => {
  [a, b, c] = await Promise.all([
    tenantWithTaxId(TAX_IDS.a, 'Talleres Núñez, S.L.'),
    tenantWithTaxId(TAX_IDS.b, 'Distribuciones Mediterráneo S.A.'),
    tenantWithTaxId(TAX_IDS.c, 'Papelería Central S.A.'),
  ]);
  for (const issuer of [a, c]) {
    const res = await api.call('POST', '/v1/customers', {
      key: issuer.key,
      body: {
        taxId: `ES-${b.taxId}`,
        name: 'Distribuciones Mediterráneo S.A.',
        email: 'cuentas@mediterraneo.example',
        address: {
          line1: 'Carrer de Balmes 200',
          city: 'Barcelona',
          postalCode: '08006',
          country: 'ES',
        },
      },
    });
    expect(res.status).toBe(201);
    customerOfB.set(issuer.tenantId, res.json.id);
  }
});

/** Issues an invoice from `issuer` to B: one line of `amount` + 21 % IVA, due on `dueDate`. */
async function issueToB(
  issuer: Tenant,
  options: { amount?: string; issueDate?: string; dueDate?: string } = {},
) {
  const draft = await api.call('POST', '/v1/invoices', {
    key: issuer.key,
    body: {
      customerId: customerOfB.get(issuer.tenantId),
      ...(options.issueDate ? { issueDate: options.issueDate } : {}),
      lines: [
        {
          description: 'Mantenimiento mensual',
          quantity: '1',
          unitPrice: options.amount ?? '100.00',
          taxes: [{ type: 'IVA', rate: '21' }],
        },
      ],
      payment: { means: 'transfer', dueDate: options.dueDate ?? '2026-12-31' },
    },
  });
  expect(draft.status).toBe(201);
  const issued = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: issuer.key });
  expect(issued.status).toBe(200);
  return issued.json;
}

const inboxOf = async (who: Tenant, query = '') => {
  const res = await api.call('GET', `/v1/inbox${query}`, { key: who.key });
  expect(res.status).toBe(200);
  return res.json as { items: Array<Json>; nextCursor?: string };
};

/** B's inbox id of an invoice A issued: B finds it by number in its own inbox. */
async function inboxIdIn(who: Tenant, number: string): Promise<string> {
  const entry = (await inboxOf(who, '?limit=200')).items.find((i) => i.number === number);
  if (!entry) throw new Error(`${number} is not in the inbox`);
  return entry.id;
}

const download = async (who: Tenant, path: string) => {
  const res = await fetch(`${api.base}${path}`, {
    headers: { authorization: `Bearer ${who.key}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    disposition: res.headers.get('content-disposition'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
};

describe('the inbox of invoices to pay', () => {
  let invoice: Json;
  let id: string;

  it("lists an invoice at once in the inbox of its buyer's tax id, with issuer, number, total and due date", async () => {
    invoice = await issueToB(a, { amount: '200.00', dueDate: '2026-12-15' });
    const { items, nextCursor } = await inboxOf(b);
    expect(nextCursor).toBeUndefined();
    expect(items).toHaveLength(1);
    id = items[0]!.id;
    expect(id).toMatch(/^inb_/);
    expect(items[0]).toEqual({
      id,
      status: 'received',
      invoiceStatus: 'issued',
      kind: 'standard',
      origin: 'platform',
      number: invoice.number,
      issueDate: invoice.issueDate,
      dueDate: '2026-12-15',
      currency: 'EUR',
      issuer: {
        taxId: TAX_IDS.a,
        name: 'Talleres Núñez, S.L.',
        email: `billing@${TAX_IDS.a.toLowerCase()}.example`,
        address: { line1: 'Calle Mayor 3', city: 'Valencia', postalCode: '46001', country: 'ES' },
      },
      customer: {
        taxId: TAX_IDS.b,
        name: 'Distribuciones Mediterráneo S.A.',
        email: 'cuentas@mediterraneo.example',
        address: {
          line1: 'Carrer de Balmes 200',
          city: 'Barcelona',
          postalCode: '08006',
          country: 'ES',
        },
      },
      totals: { net: '200.00', tax: '42.00', withheld: '0.00', total: '242.00' },
      documents: ['pdf', 'facturae', 'ubl', 'cii'],
      receivedAt: invoice.issuedAt,
    });
    const one = await api.call('GET', `/v1/inbox/${id}`, { key: b.key });
    expect(one.status).toBe(200);
    expect(one.json).toMatchObject({
      ...items[0],
      lines: [
        {
          description: 'Mantenimiento mensual',
          quantity: '1',
          unitPrice: '200.00',
          taxes: [{ type: 'IVA', rate: '21' }],
          net: '200.00',
        },
      ],
      taxBreakdown: [{ type: 'IVA', rate: '21', base: '200.00', amount: '42.00', withheld: false }],
      payment: { means: 'transfer', dueDate: '2026-12-15' },
      history: [],
    });
    expect(one.json).not.toHaveProperty('events');
    expect(one.json).not.toHaveProperty('customerId');
  });

  it("lets the buyer download the issuer's PDF and signed Facturae, the very documents the issuer has", async () => {
    // Once the post-issue step stored them (a PDF drawn twice differs in its creation date).
    await api.settled();
    const pdf = await download(b, `/v1/inbox/${id}/documents/pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    expect(pdf.disposition).toBe(`inline; filename="${invoice.number}.pdf"`);
    writeFileSync(join(dir, 'inbox.pdf'), pdf.bytes);
    const text = spawnSync('pdftotext', [join(dir, 'inbox.pdf'), '-'], { encoding: 'utf8' }).stdout;
    expect(text).toContain(invoice.number);
    expect(text).toContain('242,00 €');
    const own = await download(a, `/v1/invoices/${invoice.id}/documents/pdf`);
    expect(own.bytes.equals(pdf.bytes)).toBe(true);

    const xml = await download(b, `/v1/inbox/${id}/documents/facturae`);
    expect(xml.status).toBe(200);
    expect(xml.type).toBe('application/xml');
    expect(xml.disposition).toBe(`inline; filename="${invoice.number}.xsig"`);
    const facturae = xml.bytes.toString('utf8');
    expect(facturae).toContain(`<TaxIdentificationNumber>${TAX_IDS.a}</TaxIdentificationNumber>`);
    expect(facturae).toContain('<ds:Signature');
    expect(
      xml.bytes.equals((await download(a, `/v1/invoices/${invoice.id}/documents/facturae`)).bytes),
    ).toBe(true);

    const original = await api.call('GET', `/v1/inbox/${id}/documents/original`, { key: b.key });
    expect(original.status).toBe(409);
  });

  it('takes the buyer accepting and then paying, and shows both to the issuer on its invoice', async () => {
    const before = (await api.call('GET', `/v1/invoices/${invoice.id}`, { key: a.key })).json;
    const accepted = await api.call('POST', `/v1/inbox/${id}/status`, {
      key: b.key,
      body: { status: 'accepted' },
    });
    expect(accepted.status).toBe(200);
    expect(accepted.json).toMatchObject({ id, status: 'accepted', invoiceStatus: 'issued' });
    const paid = await api.call('POST', `/v1/inbox/${id}/status`, {
      key: b.key,
      body: { status: 'paid' },
    });
    expect(paid.status).toBe(200);
    expect(paid.json.status).toBe('paid');
    expect(paid.json.history.map((h: { status: string }) => h.status)).toEqual([
      'accepted',
      'paid',
    ]);

    const after = await api.call('GET', `/v1/invoices/${invoice.id}`, { key: a.key });
    expect(after.json.version).toBe(before.version + 2);
    expect(after.json.status).toBe(before.status);
    expect(after.json.events.slice(before.events.length)).toEqual([
      {
        at: paid.json.history[0].at,
        type: 'recipient.accepted',
        detail: { status: 'accepted', by: { kind: 'tenant', taxId: TAX_IDS.b } },
      },
      {
        at: paid.json.history[1].at,
        type: 'recipient.paid',
        detail: { status: 'paid', by: { kind: 'tenant', taxId: TAX_IDS.b } },
      },
    ]);
    expect((await inboxOf(b, '?status=paid')).items.map((i) => i.id)).toEqual([id]);
  });

  it('never shows the invoice to anyone else: the same answer as an id that does not exist', async () => {
    const missing = await api.call('GET', `/v1/inbox/${id}`, { key: c.key });
    expect(missing.status).toBe(404);
    for (const [method, path, body] of [
      ['GET', `/v1/inbox/${id}/documents/pdf`, undefined],
      ['GET', `/v1/inbox/${id}/documents/facturae`, undefined],
      ['POST', `/v1/inbox/${id}/status`, { status: 'accepted' }],
    ] as const) {
      const res = await api.call(method, path, { key: c.key, ...(body ? { body } : {}) });
      expect(res.status, path).toBe(404);
      expect(res.json.detail).toBe(missing.json.detail);
    }
    // Not even its issuer, whose own tax id is not the buyer's.
    expect((await api.call('GET', `/v1/inbox/${id}`, { key: a.key })).status).toBe(404);
    expect((await inboxOf(c)).items).toEqual([]);
    expect((await inboxOf(a)).items).toEqual([]);
    // A forged id naming A's invoice under C's tenant reads the same.
    const forged = `inb_${Buffer.from(`${c.tenantId}~${invoice.id}`).toString('base64url')}`;
    expect((await api.call('GET', `/v1/inbox/${forged}`, { key: b.key })).status).toBe(404);
    expect((await api.call('GET', '/v1/inbox/inv_123', { key: b.key })).status).toBe(400);
    expect((await api.call('GET', '/v1/inbox')).status).toBe(401);
  });

  it('refuses changes out of order (409) and a rejection without reason (422), writing nothing', async () => {
    const other = await issueToB(a);
    const otherId = await inboxIdIn(b, other.number);
    const version = async () =>
      (await api.call('GET', `/v1/invoices/${other.id}`, { key: a.key })).json.version;
    const start = await version();
    const set = (body: unknown) =>
      api.call('POST', `/v1/inbox/${otherId}/status`, { key: b.key, body });

    const early = await set({ status: 'paid' });
    expect(early.status).toBe(409);
    expect(early.json.detail).toBe(
      'The invoice is received; it cannot become paid (allowed: accepted, rejected)',
    );
    const bare = await set({ status: 'rejected' });
    expect(bare.status).toBe(422);
    expect(bare.headers.get('content-type')).toContain('application/problem+json');
    expect(bare.json).toMatchObject({
      status: 422,
      errors: [{ path: 'reason', message: 'Say why the invoice is rejected' }],
    });
    expect((await set({ status: 'declined' })).status).toBe(400);
    expect(await version()).toBe(start);

    const rejected = await set({ status: 'rejected', reason: 'El pedido 7781 se anuló' });
    expect(rejected.status).toBe(200);
    expect(rejected.json.history).toEqual([
      { at: expect.any(String), status: 'rejected', reason: 'El pedido 7781 se anuló' },
    ]);
    expect((await set({ status: 'accepted' })).status).toBe(409);
    expect(await version()).toBe(start + 1);
    const issuerView = (await api.call('GET', `/v1/invoices/${other.id}`, { key: a.key })).json;
    expect(issuerView.events.at(-1)).toMatchObject({
      type: 'recipient.rejected',
      detail: { status: 'rejected', reason: 'El pedido 7781 se anuló' },
    });
  });

  it('never shows drafts, nor invoices voided by their issuer', async () => {
    const before = (await inboxOf(b, '?limit=200')).items.length;
    const draft = await api.call('POST', '/v1/invoices', {
      key: a.key,
      body: {
        customerId: customerOfB.get(a.tenantId),
        lines: [
          {
            description: 'Borrador',
            quantity: '1',
            unitPrice: '5.00',
            taxes: [{ type: 'IVA', rate: '21' }],
          },
        ],
      },
    });
    expect(draft.status).toBe(201);
    const draftId = `inb_${Buffer.from(`${a.tenantId}~${draft.json.id}`).toString('base64url')}`;
    expect((await api.call('GET', `/v1/inbox/${draftId}`, { key: b.key })).status).toBe(404);

    const voided = await issueToB(a, { amount: '7.00' });
    const voidedId = await inboxIdIn(b, voided.number);
    const res = await api.call('POST', `/v1/invoices/${voided.id}/void`, {
      key: a.key,
      body: { reason: 'Duplicada' },
    });
    expect(res.status).toBe(200);
    const after = (await inboxOf(b, '?limit=200')).items;
    expect(after).toHaveLength(before);
    expect(after.map((i) => i.number)).not.toContain(voided.number);
    expect((await api.call('GET', `/v1/inbox/${voidedId}`, { key: b.key })).status).toBe(404);
  });
});

describe('inbox filters and pages', () => {
  // Dated in 2025, a numbering period of their own, so the dates can be chosen freely.
  let fromA: Array<Json>;
  let fromC: Json;

  beforeAll(async () => {
    fromA = [];
    for (const issueDate of ['2025-01-10', '2025-02-10', '2025-03-10']) {
      fromA.push(await issueToB(a, { issueDate }));
    }
    fromC = await issueToB(c, { issueDate: '2025-02-20' });
  });

  const numbers = async (query: string) => (await inboxOf(b, query)).items.map((i) => i.number);

  it('filters by issue dates, inclusive, newest first', async () => {
    expect(await numbers('?from=2025-02-10&to=2025-03-10')).toEqual([
      fromA[2]!.number,
      fromC.number,
      fromA[1]!.number,
    ]);
    expect(await numbers('?to=2025-01-10')).toEqual([fromA[0]!.number]);
    expect(await numbers('?from=2025-03-10&to=2025-03-10')).toEqual([fromA[2]!.number]);
  });

  it('filters by issuer tax id, typed as people type it', async () => {
    expect(await numbers(`?to=2025-12-31&issuerTaxId=es-${TAX_IDS.c.toLowerCase()}`)).toEqual([
      fromC.number,
    ]);
    expect(await numbers(`?to=2025-12-31&issuerTaxId=${TAX_IDS.a}`)).toEqual(
      fromA.map((i) => i.number).reverse(),
    );
  });

  it('filters by status', async () => {
    const id = await inboxIdIn(b, fromC.number);
    await api.call('POST', `/v1/inbox/${id}/status`, { key: b.key, body: { status: 'accepted' } });
    expect(await numbers('?to=2025-12-31&status=accepted')).toEqual([fromC.number]);
    expect(await numbers('?to=2025-12-31&status=received')).toEqual(
      [fromA[2], fromA[1], fromA[0]].map((i) => i!.number),
    );
  });

  it('pages with a cursor, and refuses a cursor of another list', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await inboxOf(
        b,
        `?to=2025-12-31&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...page.items.map((i) => i.number));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([fromA[2], fromC, fromA[1], fromA[0]].map((i) => i!.number));

    const first = await inboxOf(b, '?to=2025-12-31&limit=1');
    const stolen = await api.call(
      'GET',
      `/v1/inbox?limit=1&cursor=${encodeURIComponent(first.nextCursor!)}`,
      { key: c.key },
    );
    expect(stolen.status).toBe(400);
    expect(stolen.json.errors).toEqual([
      { path: 'cursor', message: 'Not a cursor returned by this list; start again without it' },
    ]);
  });
});
