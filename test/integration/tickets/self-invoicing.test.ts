import { randomBytes } from 'node:crypto';
import { kmsClient, s3Client } from '@sello/app/platform';
import { triggered } from '@sello/contracts';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { mailsTo } from '../../support/recipients.ts';

/** The public self-invoicing page's API, for a Spanish tenant, through the local API. */
const api = await startApi();
let key: string;
let tenantId: string;
let companyNumber: string;

const fresh = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;
const today = new Date().toISOString().slice(0, 10);

const aTicket = (reference: string, overrides: Record<string, unknown> = {}) => ({
  reference,
  date: new Date(Date.now() - 3600_000).toISOString(),
  total: '24.20',
  currency: 'EUR',
  taxes: [{ type: 'IVA', rate: '21', base: '20.00', amount: '4.20' }],
  ...overrides,
});

const buyer = {
  taxId: 'A58818501',
  name: 'Distribuciones Mediterráneo, S.A.',
  postalCode: '08006',
  address: { line1: 'Carrer de Balmes 200', city: 'Barcelona' },
};

const redeem = (
  reference: string,
  overrides: Record<string, unknown> = {},
  number = companyNumber,
) =>
  api.call('POST', `/v1/public/self-invoicing/${number}/invoices`, {
    body: {
      reference,
      total: '24.20',
      buyer,
      email: 'facturas@mediterraneo.example',
      ...overrides,
    },
  });

const importTicket = async (ticket: unknown, as = key) => {
  const res = await api.call('POST', '/v1/tickets', { key: as, body: ticket });
  expect(res.status, res.text).toBeLessThan(300);
  return res.json;
};

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Cafetería Ejemplo SL'));
  companyNumber = fresh('CAFE');
  const res = await api.call('PATCH', '/v1/settings', {
    key,
    body: {
      selfInvoicing: {
        enabled: true,
        companyNumber,
        limit: { kind: 'none' },
        concept: { description: 'Consumiciones' },
      },
    },
  });
  expect(res.status).toBe(200);
});

describe('GET /v1/public/self-invoicing/{companyNumber}', () => {
  it('says who the company is and what the buyer types, without credentials', async () => {
    const res = await api.call('GET', `/v1/public/self-invoicing/${companyNumber.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      companyNumber,
      name: 'Cafetería Ejemplo SL',
      taxId: 'B12345674',
      jurisdiction: 'ES',
      available: true,
      limit: { kind: 'none' },
      afterLimit: 'refuse',
    });
    expect(res.json.fields).toContain('buyer.address');
  });

  it('answers 404 for an unknown number and for a company that turned it off', async () => {
    expect((await api.call('GET', '/v1/public/self-invoicing/NOPE-000')).status).toBe(404);
    const { key: off } = await createTenant('Apagada SL');
    const number = fresh('OFF');
    await api.call('PATCH', '/v1/settings', {
      key: off,
      body: { selfInvoicing: { companyNumber: number, enabled: false } },
    });
    expect((await api.call('GET', `/v1/public/self-invoicing/${number}`)).status).toBe(404);
  });
});

describe('POST /v1/public/self-invoicing/{companyNumber}/invoices', () => {
  it('issues the buyer’s invoice replacing the ticket, with links to its XML and PDF', async () => {
    const reference = fresh('T');
    const ticket = await importTicket(aTicket(reference));
    const res = await redeem(reference, { total: '24.2' });
    expect(res.status, res.text).toBe(201);
    expect(res.json.number).toMatch(/^F\d{4}-\d{6}$/);
    expect(res.json.documents.xml).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/v1\/public\/documents\/[\w-]{43}$/,
    );
    expect(res.json.documents.pdf).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/v1\/public\/documents\/[\w-]{43}$/,
    );

    const invoice = await api.call('GET', `/v1/invoices/${res.json.invoiceId}`, { key });
    expect(invoice.json).toMatchObject({
      status: 'issued',
      number: res.json.number,
      // The day of the sale in the tenant's zone (Madrid), not in UTC.
      operationDate: new Date(ticket.date).toLocaleDateString('en-CA', {
        timeZone: 'Europe/Madrid',
      }),
      customer: { taxId: 'A58818501', name: 'Distribuciones Mediterráneo, S.A.' },
      totals: { total: '24.20' },
    });
    expect(invoice.json.lines.map((l: { description: string }) => l.description)).toEqual([
      'Consumiciones',
    ]);
    const stored = await api.call('GET', `/v1/tickets/${ticket.id}`, { key });
    expect(stored.json).toMatchObject({ status: 'invoiced', invoiceId: res.json.invoiceId });

    await api.settled();
    const pdf = await fetch(res.json.documents.pdf);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
    const xml = await fetch(res.json.documents.xml);
    expect(xml.status).toBe(200);
    expect(await xml.text()).toContain(`<InvoiceNumber>`);
    const forged = await fetch(
      res.json.documents.pdf.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A')),
    );
    expect(forged.status).toBe(404);
  });

  it('makes its documents once: the buyer’s mail attaches what the post-issue step stored', async () => {
    const reference = fresh('T');
    await importTicket(aTicket(reference));
    const email = `${fresh('compras').toLowerCase()}@mediterraneo.example`;
    // Counted from the answer on: every KMS signature, and every S3 write under the invoice.
    let signs = 0;
    const puts: string[] = [];
    kmsClient().middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === 'SignCommand') signs++;
        return next(args);
      },
      { step: 'initialize', name: 'countSigns' },
    );
    s3Client().middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as { Key?: string };
        if (context.commandName === 'PutObjectCommand') puts.push(input.Key ?? '');
        return next(args);
      },
      { step: 'initialize', name: 'countDocumentPuts' },
    );
    try {
      api.invoker.hold();
      const res = await redeem(reference, { email });
      expect(res.status, res.text).toBe(201);
      api.invoker.release();
      expect(await api.settled()).toEqual([]);
      const mine = puts.filter((k) => k.includes(`/invoices/${res.json.invoiceId}/`));
      // One Facturae signed and one PDF drawn, each stored once (the old code made both twice,
      // the post-issue step and the mail at once).
      expect(mine.map((k) => k.split('.').at(-1)).sort()).toEqual(['pdf', 'xml']);
      expect(signs).toBe(1);
      const mails = await mailsTo(email);
      expect(mails).toHaveLength(1);
      expect(mails[0]!.subject).toContain(res.json.number);

      // Delivered again (an async invoke may be), the mail is not sent twice.
      await api.invoker.handOver(triggered.sendSelfInvoice.id, {
        tenantId,
        invoiceId: res.json.invoiceId,
        email,
      });
      expect(await api.settled()).toEqual([]);
      expect(await mailsTo(email)).toHaveLength(1);
    } finally {
      kmsClient().middlewareStack.remove('countSigns');
      s3Client().middlewareStack.remove('countDocumentPuts');
    }
  });

  it('records the invoice for VERI*FACTU as F3, naming the ticket it replaces', async () => {
    const reference = fresh('T');
    await importTicket(aTicket(reference));
    const res = await redeem(reference);
    expect(res.status, res.text).toBe(201);
    const record = await api.call('GET', `/v1/invoices/${res.json.invoiceId}/verifactu`, { key });
    expect(record.status, record.text).toBe(200);
    expect(record.json.record.TipoFactura).toBe('F3');
    expect(record.json.xml).toContain(
      `<sum1:FacturasSustituidas><sum1:IDFacturaSustituida><sum1:IDEmisorFactura>B12345674</sum1:IDEmisorFactura><sum1:NumSerieFactura>${reference}</sum1:NumSerieFactura>`,
    );
  });

  it('says the total does not match, the same for an unknown reference, never what it is', async () => {
    const reference = fresh('T');
    await importTicket(aTicket(reference));
    const wrong = await redeem(reference, { total: '24.21' });
    const unknown = await redeem(fresh('NONE'));
    expect(wrong.status).toBe(422);
    expect(wrong.json.errors).toEqual([
      {
        path: 'total',
        message:
          'Does not match the ticket with this reference: check both as printed on the ticket',
      },
    ]);
    expect(wrong.text).not.toContain('24.20');
    const { instance: _a, correlationId: _b, ...w } = wrong.json;
    const { instance: _c, correlationId: _d, ...u } = unknown.json;
    expect(u).toEqual(w);
  });

  it('invoices a ticket once: ten concurrent redemptions give one invoice, the others 409 naming it', async () => {
    const reference = fresh('T');
    const ticket = await importTicket(aTicket(reference));
    const answers = await Promise.all(Array.from({ length: 10 }, () => redeem(reference)));
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409, 409, 409]);
    const winner = answers.find((a) => a.status === 201)!;
    for (const loser of answers.filter((a) => a.status === 409)) {
      expect(loser.json.errors).toEqual([
        { path: 'reference', message: `Already invoiced: ${winner.json.invoiceId}` },
      ]);
    }
    const list = await api.call('GET', `/v1/tickets/${ticket.id}`, { key });
    expect(list.json.invoiceId).toBe(winner.json.invoiceId);
    const again = await redeem(reference);
    expect(again.status).toBe(409);
  });

  it('limits failed guesses per ticket (429 with Retry-After)', async () => {
    const reference = fresh('T');
    await importTicket(aTicket(reference));
    for (let i = 0; i < 10; i++)
      expect((await redeem(reference, { total: `1.0${i}` })).status).toBe(422);
    const limited = await redeem(reference);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a ticket past the natural month of its sale, saying until when it could be', async () => {
    const { key: monthly } = await createTenant('Mensual SL');
    const number = fresh('MES');
    await api.call('PATCH', '/v1/settings', {
      key: monthly,
      body: { selfInvoicing: { enabled: true, companyNumber: number } },
    });
    const reference = fresh('T');
    await importTicket(aTicket(reference, { date: '2026-01-15T12:00:00+01:00' }), monthly);
    const res = await redeem(reference, {}, number);
    expect(res.status).toBe(422);
    expect(res.json.errors).toEqual([
      { path: 'reference', message: 'Could be invoiced until 2026-01-31' },
    ]);
    expect(today > '2026-01-31').toBe(true);
  });

  it('needs the buyer’s address and a valid tax id, naming them, before claiming the ticket', async () => {
    const reference = fresh('T');
    const ticket = await importTicket(aTicket(reference));
    const noAddress = await redeem(reference, { buyer: { ...buyer, address: undefined } });
    expect(noAddress.status).toBe(400);
    expect(noAddress.json.errors.map((e: { path: string }) => e.path)).toEqual(['buyer.address']);
    const badId = await redeem(reference, { buyer: { ...buyer, taxId: '12345678A' } });
    expect(badId.status).toBe(400);
    expect(badId.json.errors.map((e: { path: string }) => e.path)).toEqual(['buyer.taxId']);
    const stored = await api.call('GET', `/v1/tickets/${ticket.id}`, { key });
    expect(stored.json.status).toBe('open');
  });
});

describe('late requests', () => {
  it('records a redemption past the limit for the company to approve, which then issues it', async () => {
    const { key: late } = await createTenant('Tardía SL');
    const number = fresh('LATE');
    await api.call('PATCH', '/v1/settings', {
      key: late,
      body: { selfInvoicing: { enabled: true, companyNumber: number, afterLimit: 'request' } },
    });
    const reference = fresh('T');
    const ticket = await importTicket(
      aTicket(reference, { date: '2026-01-15T12:00:00+01:00' }),
      late,
    );
    const asked = await redeem(reference, {}, number);
    expect(asked.status, asked.text).toBe(202);
    expect(asked.json).toMatchObject({ status: 'requested', lastDay: '2026-01-31' });
    expect((await redeem(reference, {}, number)).status).toBe(409);

    const pending = await api.call('GET', '/v1/tickets?lateRequest=pending', { key: late });
    expect(pending.json.items.map((t: { reference: string }) => t.reference)).toEqual([reference]);
    expect(pending.json.items[0].lateRequest).toMatchObject({
      buyer: { taxId: 'A58818501' },
      email: 'facturas@mediterraneo.example',
    });

    const approved = await api.call('POST', `/v1/tickets/${ticket.id}/approve-late-request`, {
      key: late,
    });
    expect(approved.status, approved.text).toBe(201);
    const stored = await api.call('GET', `/v1/tickets/${ticket.id}`, { key: late });
    expect(stored.json).toMatchObject({ status: 'invoiced', invoiceId: approved.json.invoiceId });
    expect(stored.json.lateRequest).toBeUndefined();
    const twice = await api.call('POST', `/v1/tickets/${ticket.id}/approve-late-request`, {
      key: late,
    });
    expect(twice.status).toBe(409);
  });
});
