import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolveChangeRequestDeps } from '@sello/app/change-requests';
import { invoiceDeps } from '@sello/app/invoices';
import { WEBHOOKS_ALLOW_LOCAL_ENV } from '@sello/app/webhooks';
import { resolveChangeRequest } from '@sello/core/change-requests';
import { splitInvoice } from '@sello/core/invoices';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

/**
 * `POST /v1/change-requests/{id}/resolve` through the local API: taking, declining (the customer
 * reads the reason in the local SES store) and doing a request by performing the correction through
 * the invoices' own use cases, whose new documents the customer's mail carries. A "done" retried,
 * or resumed after the correction went through but the request was not marked, corrects once.
 */
process.env[WEBHOOKS_ALLOW_LOCAL_ENV] = 'true';
const api = await startApi();
const { ses } = inject('endpoints');
let key: string;
let tenantId: string;

interface StoredMail {
  subject: string;
  destination: { to: string[] };
  body: { text?: string };
  attachments: { filename: string; contentType: string; size: number }[];
}
const mailsTo = async (address: string): Promise<StoredMail[]> => {
  const store = (await (await fetch(`${ses}/store`)).json()) as { emails: StoredMail[] };
  return store.emails.filter((m) => m.destination.to.some((t) => t.includes(address)));
};

let counter = 0;
/** An issued invoice to a customer of its own address, and a request of `type` on it. */
async function requested(type: 'cancel' | 'correctData' | 'split', language = 'es') {
  const email = `cliente-${Date.now()}-${++counter}@cliente.example`;
  const customerId = (
    await api.call('POST', '/v1/customers', { key, body: aCustomer({ email, language }) })
  ).json.id;
  const draft = (
    await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
  ).json;
  const invoice = (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
  const asked = await api.call('POST', `/v1/invoices/${invoice.id}/change-requests`, {
    key,
    body: { type, message: 'Por favor, corríjanla' },
  });
  expect(asked.status, asked.text).toBe(201);
  return { email, invoice, request: asked.json };
}
const resolve = (id: string, body: unknown) =>
  api.call('POST', `/v1/change-requests/${id}/resolve`, { key, body });
const invoiceOf = async (id: string) => (await api.call('GET', `/v1/invoices/${id}`, { key })).json;

const rectification = {
  type: 'rectify',
  reasonCode: '83',
  method: 'differences',
  lines: [
    {
      description: 'Descuento pactado',
      quantity: '-1',
      unitPrice: '25.00',
      taxes: [{ type: 'IVA', rate: '4' }],
    },
  ],
};

async function receiver() {
  const received: { type: string; data: { changeRequest: Record<string, unknown> } }[] = [];
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

let erp: Awaited<ReturnType<typeof receiver>>;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Reparaciones Resueltas SL'));
  erp = await receiver();
  const hook = await api.call('POST', '/v1/webhooks', {
    key,
    body: { url: erp.url, events: ['change_request.resolved'] },
  });
  expect(hook.status, hook.text).toBe(201);
});

describe('doing a request by performing the correction', () => {
  it('rectifies: links the corrective, mails the customer its PDF and Facturae, tells the ERP', async () => {
    const { email, invoice, request } = await requested('correctData', 'ca');
    const taken = await resolve(request.id, { outcome: 'in_progress' });
    expect(taken.status, taken.text).toBe(200);
    expect(taken.json.request).toMatchObject({ status: 'in_progress' });
    expect(taken.json.request.events.at(-1)).toMatchObject({
      type: 'in_progress',
      by: { kind: 'key' },
    });

    const res = await resolve(request.id, { outcome: 'done', correction: rectification });
    expect(res.status, res.text).toBe(200);
    const [corrective] = res.json.invoices;
    expect(corrective).toMatchObject({
      kind: 'corrective',
      status: 'issued',
      totals: { total: '-26.00' },
      corrective: { originalId: invoice.id, reasonCode: '83', method: 'differences' },
    });
    expect(res.json.request).toMatchObject({
      status: 'done',
      correction: { type: 'rectify', invoiceIds: [corrective.id] },
    });
    expect(res.json.request.resolvedAt).toBeDefined();
    expect(res.json.request.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'in_progress',
      'correction_started',
      'done',
    ]);
    expect((await invoiceOf(invoice.id)).status).toBe('rectified');

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe(
      `Reparaciones Resueltas SL ha atès la vostra sol·licitud sobre la factura ${invoice.number}`,
    );
    expect(mails[0]?.body.text).toContain(corrective.number);
    expect(mails[0]?.attachments.map((a) => a.filename).sort()).toEqual([
      `${corrective.number}.pdf`,
      `${corrective.number}.xsig`,
    ]);
    expect(mails[0]?.attachments.every((a) => a.size > 1000)).toBe(true);
    expect(erp.received.filter((e) => e.data.changeRequest.id === request.id)).toEqual([
      expect.objectContaining({
        type: 'change_request.resolved',
        data: { changeRequest: expect.objectContaining({ status: 'done' }) },
      }),
    ]);

    // The same "done" again: the same answer, nothing corrected or mailed twice.
    const again = await resolve(request.id, { outcome: 'done', correction: rectification });
    expect(again.status, again.text).toBe(200);
    expect(again.json.invoices.map((i: { id: string }) => i.id)).toEqual([corrective.id]);
    const original = await invoiceOf(invoice.id);
    expect(original.events.filter((e: { type: string }) => e.type === 'rectified')).toHaveLength(1);
    expect(await mailsTo(email)).toHaveLength(1);
    // Another correction, or declining it now, is refused.
    const other = await resolve(request.id, {
      outcome: 'done',
      correction: { type: 'cancel', reasonDescription: 'x' },
    });
    expect(other.status).toBe(409);
    expect(other.json.errors[0].path).toBe('correction');
    const late = await resolve(request.id, { outcome: 'declined', reason: 'No' });
    expect(late.status).toBe(409);
    expect(late.json.errors[0].path).toBe('status');
  });

  it('resumes a correction that went through before the request was marked done', async () => {
    const { email, invoice, request } = await requested('correctData');
    const deps = resolveChangeRequestDeps();
    // The process "dies" right after the correction: the write marking the request done fails.
    const crashing = resolveChangeRequest({
      ...deps,
      requests: {
        get: (t, id) => deps.requests.get(t, id),
        update: async (next, previous) => {
          if (next.status === 'done') throw new Error('the process died');
          return deps.requests.update(next, previous);
        },
      },
    });
    await expect(
      crashing(
        tenantId,
        request.id,
        { outcome: 'done', correction: rectification as never },
        { kind: 'staff', id: 'usr_1' },
      ),
    ).rejects.toThrow('the process died');
    expect((await invoiceOf(invoice.id)).status).toBe('rectified');
    const between = (await api.call('GET', `/v1/change-requests/${request.id}`, { key })).json;
    expect(between).toMatchObject({
      status: 'in_progress',
      correction: { type: 'rectify', invoiceIds: [] },
    });

    const resumed = await resolve(request.id, { outcome: 'done', correction: rectification });
    expect(resumed.status, resumed.text).toBe(200);
    expect(resumed.json.request.status).toBe('done');
    const ids = resumed.json.invoices.map((i: { id: string }) => i.id);
    expect(ids).toHaveLength(1);
    const original = await invoiceOf(invoice.id);
    const rectified = original.events.filter((e: { type: string }) => e.type === 'rectified');
    expect(rectified).toHaveLength(1);
    expect(rectified[0].detail.correctiveId).toBe(ids[0]);
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('two concurrent "done" with the same body issue one corrective', async () => {
    const { invoice, request } = await requested('correctData');
    const [a, b] = await Promise.all([
      resolve(request.id, { outcome: 'done', correction: rectification }),
      resolve(request.id, { outcome: 'done', correction: rectification }),
    ]);
    expect(a.status, a.text).toBe(200);
    expect(b.status, b.text).toBe(200);
    const ids = (r: typeof a) => r.json.invoices.map((i: { id: string }) => i.id);
    expect(ids(a)).toHaveLength(1);
    expect(ids(b)).toEqual(ids(a));
    const original = await invoiceOf(invoice.id);
    expect(original.events.filter((e: { type: string }) => e.type === 'rectified')).toHaveLength(1);
  });

  it('a second "done" while the first is mailing the customer does not mail again', async () => {
    const { email, request } = await requested('correctData');
    const deps = resolveChangeRequestDeps();
    // The first "done" is held inside its mail send until the second has finished.
    let entered!: () => void;
    const inSend = new Promise<void>((ok) => (entered = ok));
    let release!: () => void;
    const held = new Promise<void>((ok) => (release = ok));
    const first = resolveChangeRequest({
      ...deps,
      mailer: {
        send: async (mail) => {
          entered();
          await held;
          return deps.mailer.send(mail);
        },
      },
    })(
      tenantId,
      request.id,
      { outcome: 'done', correction: rectification as never },
      { kind: 'staff', id: 'usr_1' },
    );
    await inSend;
    const second = await resolve(request.id, { outcome: 'done', correction: rectification });
    expect(second.status, second.text).toBe(200);
    release();
    const done = await first;
    expect(done.request.customerNotifiedAt).toBeDefined();
    expect(done.request.customerMailingSince).toBeUndefined();
    expect(await mailsTo(email)).toHaveLength(1);
  });

  it('resumes a split whose corrective was issued but not its replacements', async () => {
    const { invoice, request } = await requested('split');
    const deps = resolveChangeRequestDeps();
    // The process "dies" once the corrective is issued, before issuing the replacements: the
    // invoices' own split runs on a repository whose numbering fails after the first invoice.
    const crashing = resolveChangeRequest({
      ...deps,
      corrections: (ids) => ({
        ...deps.corrections(ids),
        split: (t, id, parts) => {
          const base = invoiceDeps();
          let numbered = 0;
          const invoices = Object.create(base.invoices) as typeof base.invoices;
          invoices.issue = (...args) =>
            numbered++ === 0
              ? base.invoices.issue(...args)
              : Promise.reject(new Error('the process died'));
          return splitInvoice({ ...base, ids, invoices })(t, id, parts);
        },
        issue: () => Promise.reject(new Error('the process died')),
      }),
    });
    const [a, b, c] = acceptanceLines;
    const correction = { type: 'split', parts: [{ lines: [a] }, { lines: [b, c] }] } as const;
    await expect(
      crashing(
        tenantId,
        request.id,
        { outcome: 'done', correction: correction as never },
        {
          kind: 'staff',
        },
      ),
    ).rejects.toThrow('the process died');
    expect((await invoiceOf(invoice.id)).status).toBe('rectified');
    const between = (await api.call('GET', `/v1/change-requests/${request.id}`, { key })).json;
    expect(between).toMatchObject({ status: 'in_progress', correction: { type: 'split' } });
    const drafts = await api.call('GET', '/v1/invoices?status=draft&limit=200', { key });
    expect(drafts.json.items).toHaveLength(2);

    const resumed = await resolve(request.id, { outcome: 'done', correction });
    expect(resumed.status, resumed.text).toBe(200);
    const made = resumed.json.invoices;
    expect(made).toHaveLength(3);
    expect(made.every((i: { status: string }) => i.status === 'issued')).toBe(true);
    const original = await invoiceOf(invoice.id);
    expect(original.events.filter((e: { type: string }) => e.type === 'split')).toHaveLength(1);
  });

  it('cancels a Spanish invoice by a corrective that brings it to zero', async () => {
    const { email, invoice, request } = await requested('cancel');
    const res = await resolve(request.id, {
      outcome: 'done',
      correction: { type: 'cancel', reasonDescription: 'Pedido anulado por el cliente' },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.invoices[0].totals.total).toBe('-409.34');
    expect((await invoiceOf(invoice.id)).status).toBe('cancelled');
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe(
      `Reparaciones Resueltas SL ha atendido su solicitud sobre la factura ${invoice.number}`,
    );
    expect(mail?.attachments).toHaveLength(2);
  });

  it('splits: the corrective and each replacement, all attached to the mail', async () => {
    const { email, invoice, request } = await requested('split', 'en');
    const [a, b, c] = acceptanceLines;
    const res = await resolve(request.id, {
      outcome: 'done',
      correction: { type: 'split', parts: [{ lines: [a] }, { lines: [b, c] }] },
    });
    expect(res.status, res.text).toBe(200);
    const made = res.json.invoices;
    expect(made.map((i: { totals: { total: string } }) => i.totals.total)).toEqual([
      '-409.34',
      '318.00',
      '91.34',
    ]);
    expect(made.every((i: { status: string }) => i.status === 'issued')).toBe(true);
    expect(res.json.request.correction.invoiceIds).toEqual(made.map((i: { id: string }) => i.id));
    expect((await invoiceOf(invoice.id)).status).toBe('rectified');
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe(
      `Reparaciones Resueltas SL has done what you asked about invoice ${invoice.number}`,
    );
    expect(mail?.attachments).toHaveLength(6);
    // Parts that do not add up are the split route's 400, and nothing is recorded as done.
    const other = await requested('split');
    const bad = await resolve(other.request.id, {
      outcome: 'done',
      correction: { type: 'split', parts: [{ lines: [a] }, { lines: [b] }] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('correction.parts');
    const after = (await api.call('GET', `/v1/change-requests/${other.request.id}`, { key })).json;
    expect(after.status).toBe('in_progress');
    expect(after.correction).toBeUndefined();
    expect(after.events.at(-1)).toMatchObject({ type: 'correction_failed' });
    expect((await invoiceOf(other.invoice.id)).status).toBe('issued');
    // Its parts were never issued nor left as drafts; the right body then does it.
    const drafts = await api.call('GET', `/v1/invoices?status=draft&limit=200`, { key });
    expect(drafts.json.items).toEqual([]);
    const good = await resolve(other.request.id, {
      outcome: 'done',
      correction: { type: 'split', parts: [{ lines: [a, b] }, { lines: [c] }] },
    });
    expect(good.status, good.text).toBe(200);
    expect(good.json.invoices).toHaveLength(3);
  });
});

describe('declining, and done without a correction', () => {
  it('declines with a reason the customer is mailed; then nothing more', async () => {
    const { email, invoice, request } = await requested('cancel');
    const res = await resolve(request.id, {
      outcome: 'declined',
      reason: 'La factura es correcta',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json.request).toMatchObject({
      status: 'declined',
      reason: 'La factura es correcta',
    });
    expect(res.json.invoices).toEqual([]);
    const [mail] = await mailsTo(email);
    expect(mail?.subject).toBe(
      `Reparaciones Resueltas SL no ha aceptado su solicitud sobre la factura ${invoice.number}`,
    );
    expect(mail?.body.text).toContain('La factura es correcta');
    expect(erp.received.some((e) => e.data.changeRequest.id === request.id)).toBe(true);
    const again = await resolve(request.id, { outcome: 'in_progress' });
    expect(again.status).toBe(409);
    expect((await invoiceOf(invoice.id)).status).toBe('issued');
  });

  it('a correctData request may be done without a correction; a cancel may not', async () => {
    const data = await requested('correctData');
    const done = await resolve(data.request.id, {
      outcome: 'done',
      note: 'Ficha del cliente corregida',
    });
    expect(done.status, done.text).toBe(200);
    expect(done.json.request.status).toBe('done');
    expect(await mailsTo(data.email)).toHaveLength(1);
    const cancel = await requested('cancel');
    const refused = await resolve(cancel.request.id, { outcome: 'done' });
    expect(refused.status).toBe(400);
    expect(refused.json.errors[0].path).toBe('correction');
  });

  it('bad input is a 400 naming the field; an unknown request a 404', async () => {
    const { request } = await requested('correctData');
    const noReason = await resolve(request.id, { outcome: 'declined' });
    expect(noReason.status).toBe(400);
    expect(noReason.json.errors[0].path).toBe('reason');
    const badLine = await resolve(request.id, {
      outcome: 'done',
      correction: { ...rectification, lines: [{ ...rectification.lines[0], quantity: 'many' }] },
    });
    expect(badLine.status).toBe(400);
    expect(badLine.json.errors[0].path).toBe('correction.lines.0.quantity');
    const badOutcome = await resolve(request.id, { outcome: 'maybe' });
    expect(badOutcome.status).toBe(400);
    expect((await resolve('chr_unknown', { outcome: 'in_progress' })).status).toBe(404);
    expect((await api.call('GET', `/v1/change-requests/${request.id}`, { key })).json.status).toBe(
      'open',
    );
  });
});
