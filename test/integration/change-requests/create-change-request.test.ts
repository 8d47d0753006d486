import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOKS_ALLOW_LOCAL_ENV } from '@sello/app/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';
import { mailsTo } from '../../support/recipients.ts';

/**
 * `POST /v1/invoices/{id}/change-requests`, `GET /v1/change-requests` and `GET …/{id}` through the
 * local API: the support mailbox reads the request with its console link in the local SES store,
 * and an ERP hears `change_request.created`.
 */
process.env[WEBHOOKS_ALLOW_LOCAL_ENV] = 'true';
const api = await startApi();
let key: string;
let tenantId: string;
let customerId: string;

const issued = async () => {
  const draft = (
    await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
  ).json;
  const res = await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key });
  expect(res.status, res.text).toBe(200);
  return res.json as { id: string; number: string };
};
const ask = (invoiceId: string, body: unknown) =>
  api.call('POST', `/v1/invoices/${invoiceId}/change-requests`, { key, body });

/** A receiver on 127.0.0.1 collecting what it is POSTed. */
async function receiver() {
  const received: { type: string; data: Record<string, unknown> }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(200).end();
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  afterAll(
    () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received };
}

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Talleres Petición SL'));
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

describe('asking for a change to an issued invoice', () => {
  it('records an open request, mails the support mailbox a console link, tells the ERP', async () => {
    const support = `soporte-${Date.now()}@talleres.example`;
    const set = await api.call('PATCH', '/v1/settings', {
      key,
      body: { support: { email: support } },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.json.support).toEqual({ email: support });
    const erp = await receiver();
    const hook = await api.call('POST', '/v1/webhooks', {
      key,
      body: { url: erp.url, events: ['change_request.created'] },
    });
    expect(hook.status, hook.text).toBe(201);

    const invoice = await issued();
    const res = await ask(invoice.id, {
      type: 'correctData',
      message: '  La dirección del cliente es Calle Sierpes 14.  ',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/change-requests/${res.json.id}`);
    expect(res.json).toMatchObject({
      invoiceId: invoice.id,
      invoiceNumber: invoice.number,
      type: 'correctData',
      message: 'La dirección del cliente es Calle Sierpes 14.',
      status: 'open',
      requestedBy: { kind: 'key' },
      version: 1,
    });
    expect(res.json.id).toMatch(/^chr_/);
    expect(res.json.events).toEqual([
      { at: res.json.createdAt, type: 'created', by: res.json.requestedBy },
    ]);

    const [mail] = await mailsTo(support);
    expect(mail?.subject).toBe(`Solicitud de corrección de datos de la factura ${invoice.number}`);
    expect(mail?.body.text).toContain('La dirección del cliente es Calle Sierpes 14.');
    expect(mail?.body.text).toContain(`/change-requests/${res.json.id}`);
    expect(erp.received).toEqual([
      expect.objectContaining({
        type: 'change_request.created',
        tenantId,
        data: { changeRequest: expect.objectContaining({ id: res.json.id, status: 'open' }) },
      }),
    ]);

    const read = await api.call('GET', `/v1/change-requests/${res.json.id}`, { key });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(res.json);
  });

  it("mails the tenant's own address while no support mailbox is set", async () => {
    const other = await createTenant('Sin Buzón SL');
    const cid = (await api.call('POST', '/v1/customers', { key: other.key, body: aCustomer() }))
      .json.id;
    const draft = (
      await api.call('POST', '/v1/invoices', {
        key: other.key,
        body: { customerId: cid, lines: acceptanceLines },
      })
    ).json;
    const inv = (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key: other.key })).json;
    const before = (await mailsTo('billing@example.es')).length;
    const res = await api.call('POST', `/v1/invoices/${inv.id}/change-requests`, {
      key: other.key,
      body: { type: 'cancel', message: 'Pedido anulado' },
    });
    expect(res.status, res.text).toBe(201);
    const mails = await mailsTo('billing@example.es');
    expect(mails.length).toBe(before + 1);
    expect(mails.at(-1)?.subject).toBe(`Solicitud de anulación de la factura ${inv.number}`);
  });

  it('one pending request per invoice and type: a second is a 409 naming `type`', async () => {
    const invoice = await issued();
    const first = await ask(invoice.id, { type: 'cancel', message: 'Duplicada' });
    expect(first.status, first.text).toBe(201);
    const [a, b] = await Promise.all([
      ask(invoice.id, { type: 'cancel', message: 'Otra vez' }),
      ask(invoice.id, { type: 'cancel', message: 'Y otra' }),
    ]);
    for (const again of [a, b]) {
      expect(again.status, again.text).toBe(409);
      expect(again.json.errors[0].path).toBe('type');
      expect(again.json.detail).toContain(first.json.id);
    }
    // Another type is another request.
    expect((await ask(invoice.id, { type: 'split', message: 'En dos' })).status).toBe(201);
    // Declined, it frees its type.
    const declined = await api.call('POST', `/v1/change-requests/${first.json.id}/resolve`, {
      key,
      body: { outcome: 'declined', reason: 'No procede' },
    });
    expect(declined.status, declined.text).toBe(200);
    expect((await ask(invoice.id, { type: 'cancel', message: 'Ahora sí' })).status).toBe(201);
  });

  it('bad input is a 400 naming the field; a draft a 409 naming its status; unknown a 404', async () => {
    const invoice = await issued();
    const bad = await ask(invoice.id, { type: 'refund', message: '' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'message',
      'type',
    ]);
    const extra = await ask(invoice.id, { type: 'cancel', message: 'x', amount: '1' });
    expect(extra.status).toBe(400);

    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    const onDraft = await ask(draft.id, { type: 'cancel', message: 'x' });
    expect(onDraft.status).toBe(409);
    expect(onDraft.json.detail).toContain('draft');
    expect(onDraft.json.errors[0]).toMatchObject({ path: 'invoiceId' });

    expect((await ask('inv_unknown', { type: 'cancel', message: 'x' })).status).toBe(404);
    expect((await api.call('GET', '/v1/change-requests/chr_unknown', { key })).status).toBe(404);
    const list = await api.call('GET', '/v1/change-requests', { key });
    expect(list.json.items.some((r: { invoiceId: string }) => r.invoiceId === draft.id)).toBe(
      false,
    );
  });

  it('lists newest first: the queue by status, and one invoice’s', async () => {
    const invoice = await issued();
    const a = (await ask(invoice.id, { type: 'cancel', message: 'a' })).json;
    const b = (await ask(invoice.id, { type: 'correctData', message: 'b' })).json;
    await api.call('POST', `/v1/change-requests/${a.id}/resolve`, {
      key,
      body: { outcome: 'in_progress' },
    });
    const ofInvoice = await api.call('GET', `/v1/change-requests?invoiceId=${invoice.id}`, { key });
    expect(ofInvoice.json.items.map((r: { id: string }) => r.id)).toEqual([b.id, a.id]);
    const open = await api.call('GET', '/v1/change-requests?status=open&limit=200', { key });
    const openIds = open.json.items.map((r: { id: string }) => r.id);
    expect(openIds).toContain(b.id);
    expect(openIds).not.toContain(a.id);
    const taking = await api.call('GET', '/v1/change-requests?status=in_progress', { key });
    expect(taking.json.items.map((r: { id: string }) => r.id)).toContain(a.id);
    const all = await api.call('GET', '/v1/change-requests?limit=2', { key });
    expect(all.json.items.map((r: { id: string }) => r.id)).toEqual([b.id, a.id]);
    expect(all.json.nextCursor).toBeDefined();
    const bad = await api.call('GET', '/v1/change-requests?status=closed', { key });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('query.status');
  });
});
