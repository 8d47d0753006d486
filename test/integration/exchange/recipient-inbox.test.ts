import { beforeAll, describe, expect, it } from 'vitest';
import { startApi } from '../../support/api.ts';
import {
  facturaeDocument,
  type Json,
  recipientSession,
  TAX_IDS,
  tenantWithTaxId,
} from '../../support/exchange.ts';

/**
 * The inbox as a registered recipient reads it: with a session token instead of an API key. The
 * buyer here is not a tenant at all, only a tax id with an account.
 */
const api = await startApi();
const BUYER = '12345678Z';
let issuer: Awaited<ReturnType<typeof tenantWithTaxId>>;
let buyer: Awaited<ReturnType<typeof recipientSession>>;
let stranger: Awaited<ReturnType<typeof recipientSession>>;
let invoice: Json;
let imported: Json;

beforeAll(async () => {
  issuer = await tenantWithTaxId(TAX_IDS.a, 'Talleres Núñez, S.L.');
  [buyer, stranger] = await Promise.all([recipientSession(BUYER), recipientSession(TAX_IDS.c)]);
  const customer = await api.call('POST', '/v1/customers', {
    key: issuer.key,
    body: {
      taxId: '12.345.678-z',
      name: 'Ana García Pérez',
      address: { line1: 'Calle Sierpes 12', city: 'Sevilla', postalCode: '41004', country: 'ES' },
    },
  });
  const draft = await api.call('POST', '/v1/invoices', {
    key: issuer.key,
    body: {
      customerId: customer.json.id,
      lines: [
        {
          description: 'Reparación',
          quantity: '1',
          unitPrice: '80.00',
          taxes: [{ type: 'IVA', rate: '21' }],
        },
      ],
      payment: { means: 'transfer', dueDate: '2026-12-01' },
    },
  });
  invoice = (await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key: issuer.key }))
    .json;
  const res = await fetch(`${api.base}/v1/imports`, {
    method: 'POST',
    headers: { authorization: `Bearer ${issuer.key}`, 'content-type': 'application/xml' },
    body: await facturaeDocument({
      seller: { taxId: issuer.taxId, name: issuer.name },
      buyer: { taxId: BUYER, name: 'Ana García Pérez' },
      number: 'ERP-77',
      issueDate: '2026-02-02',
    }),
  });
  expect(res.status).toBe(201);
  imported = (await res.json()) as Json;
});

const as = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the inbox with a recipient session', () => {
  it('lists what was issued on the platform and what was imported for its tax id', async () => {
    const res = await api.call('GET', '/v1/inbox', { headers: as(buyer.token) });
    expect(res.status).toBe(200);
    expect(res.json.items.map((i: Json) => [i.number, i.origin, i.totals.total])).toEqual([
      [invoice.number, 'platform', '96.80'],
      ['ERP-77', 'import', '253.59'],
    ]);
  });

  it('reads, downloads and accepts; the issuer sees who accepted', async () => {
    const { items } = (await api.call('GET', '/v1/inbox', { headers: as(buyer.token) })).json;
    const id = items[0].id;
    expect(
      (await api.call('GET', `/v1/inbox/${id}`, { headers: as(buyer.token) })).json,
    ).toMatchObject({
      number: invoice.number,
      dueDate: '2026-12-01',
      issuer: { name: 'Talleres Núñez, S.L.' },
    });
    const pdf = await fetch(`${api.base}/v1/inbox/${id}/documents/pdf`, {
      headers: as(buyer.token),
    });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const accepted = await api.call('POST', `/v1/inbox/${id}/status`, {
      headers: as(buyer.token),
      body: { status: 'accepted' },
    });
    expect(accepted.status).toBe(200);
    const seen = (await api.call('GET', `/v1/invoices/${invoice.id}`, { key: issuer.key })).json;
    expect(seen.events.at(-1)).toEqual({
      at: accepted.json.history[0].at,
      type: 'recipient.accepted',
      detail: {
        status: 'accepted',
        by: { kind: 'recipient', recipientId: buyer.recipientId, taxId: BUYER },
      },
    });
  });

  it('shows another recipient nothing of it', async () => {
    const list = await api.call('GET', '/v1/inbox', { headers: as(stranger.token) });
    expect(list.json.items).toEqual([]);
    const { items } = (await api.call('GET', '/v1/inbox', { headers: as(buyer.token) })).json;
    for (const entry of items) {
      expect(
        (await api.call('GET', `/v1/inbox/${entry.id}`, { headers: as(stranger.token) })).status,
      ).toBe(404);
      const original = await api.call('GET', `/v1/inbox/${entry.id}/documents/original`, {
        headers: as(stranger.token),
      });
      expect(original.status).toBe(404);
    }
    expect(imported.customer.taxId).toBe(BUYER);
  });

  it("does not let a recipient import: its token opens no tenant's route (403)", async () => {
    const res = await api.call('POST', '/v1/imports', {
      headers: as(buyer.token),
      body: { items: [{ xml: '<a/>' }] },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
