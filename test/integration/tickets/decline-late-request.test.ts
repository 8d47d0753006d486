import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { createMexicanTenant, SAT_TEST_CSD } from '../../support/mexico.ts';
import { mailsTo } from '../../support/recipients.ts';

/**
 * `POST /v1/tickets/{id}/decline-late-request` through the local API: the request is declined
 * with its reason, the buyer reads it in the local SES store, and nothing can approve it after.
 */
const api = await startApi();

const fresh = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;
const anEmail = () => `buyer-${randomBytes(4).toString('hex')}@example.es`;

const now = new Date();
// A sale in the middle of the previous month: past a natural-month limit today.
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 14, 18));
const period = lastMonth.toISOString().slice(0, 7);

/** A tenant taking late requests, its company number and a ticket of last month asked late. */
async function lateRequestOf(
  tenant: { key: string },
  ticket: Record<string, unknown>,
  redemption: Record<string, unknown>,
) {
  const companyNumber = fresh('DECL');
  const settings = await api.call('PATCH', '/v1/settings', {
    key: tenant.key,
    body: {
      selfInvoicing: {
        enabled: true,
        companyNumber,
        limit: { kind: 'naturalMonth' },
        afterLimit: 'request',
        concept: { description: 'Venta', satProductKey: '01010101', satUnitKey: 'ACT' },
      },
    },
  });
  expect(settings.status, settings.text).toBe(200);
  const reference = fresh('T');
  const imported = await api.call('POST', '/v1/tickets', {
    key: tenant.key,
    body: { reference, date: lastMonth.toISOString(), ...ticket },
  });
  expect(imported.status, imported.text).toBe(201);
  const asked = await api.call('POST', `/v1/public/self-invoicing/${companyNumber}/invoices`, {
    body: { reference, ...redemption },
  });
  expect(asked.status, asked.text).toBe(202);
  return { reference, id: imported.json.id as string, companyNumber };
}

describe('declining a late request (Spanish tenant)', () => {
  let key: string;
  let email: string;
  let ticket: { reference: string; id: string; companyNumber: string };
  let redemption: Record<string, unknown>;
  const decline = (id: string, body: unknown) =>
    api.call('POST', `/v1/tickets/${id}/decline-late-request`, { key, body });

  beforeAll(async () => {
    ({ key } = await createTenant('Panadería Declina SL'));
    email = anEmail();
    redemption = {
      total: '24.20',
      email,
      buyer: {
        taxId: 'A58818501',
        name: 'Distribuciones Mediterráneo, S.A.',
        postalCode: '08006',
        address: { line1: 'Carrer de Balmes 200', city: 'Barcelona' },
      },
    };
    ticket = await lateRequestOf(
      { key },
      {
        total: '24.20',
        currency: 'EUR',
        taxes: [{ type: 'IVA', rate: '21', base: '20.00', amount: '4.20' }],
      },
      redemption,
    );
  });

  it('refuses a missing, empty or too long reason with a 400 naming it, changing nothing', async () => {
    for (const body of [{}, { reason: '   ' }, { reason: 'x'.repeat(501) }]) {
      const res = await decline(ticket.id, body);
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['reason']);
    }
    const stored = await api.call('GET', `/v1/tickets/${ticket.id}`, { key });
    expect(stored.json.lateRequest).toBeDefined();
    expect(stored.json.declinedLateRequest).toBeUndefined();
  });

  it('answers 404 for an unknown ticket and 409 for one without a late request', async () => {
    expect((await decline('tkt_Tk9QRQ', { reason: 'No' })).status).toBe(404);
    const reference = fresh('T');
    const open = await api.call('POST', '/v1/tickets', {
      key,
      body: {
        reference,
        date: lastMonth.toISOString(),
        total: '12.10',
        currency: 'EUR',
        taxes: [{ type: 'IVA', rate: '21', base: '10.00', amount: '2.10' }],
      },
    });
    expect((await decline(open.json.id, { reason: 'No' })).status).toBe(409);
  });

  it('declines it with the reason, mails the buyer why, and it cannot be approved after', async () => {
    const reason = 'El ticket se pagó con tarjeta de empresa: pida la factura a su departamento.';
    const res = await decline(ticket.id, { reason });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({
      id: ticket.id,
      status: 'open',
      declinedLateRequest: {
        buyer: { taxId: 'A58818501', name: 'Distribuciones Mediterráneo, S.A.' },
        email,
        reason,
      },
    });
    expect(res.json.lateRequest).toBeUndefined();
    const stored = await api.call('GET', `/v1/tickets/${ticket.id}`, { key });
    expect(stored.json).toMatchObject({ status: 'open', declinedLateRequest: { reason } });
    expect(stored.json.lateRequest).toBeUndefined();

    const pending = await api.call('GET', '/v1/tickets?lateRequest=pending', { key });
    expect(pending.json.items.map((t: { id: string }) => t.id)).not.toContain(ticket.id);

    const approve = await api.call('POST', `/v1/tickets/${ticket.id}/approve-late-request`, {
      key,
    });
    expect(approve.status).toBe(409);
    const again = await decline(ticket.id, { reason: 'Otra vez' });
    expect(again.status).toBe(409);
    expect(again.json.detail).toMatch(/declined already/);

    const mails = await mailsTo(email);
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    expect(mail!.subject).toBe(
      `Panadería Declina SL no ha aceptado su solicitud de factura del ticket ${ticket.reference}`,
    );
    expect(mail!.body.text).toContain(reason);
    expect(mail!.body.text).toContain('NIF A58818501');
    expect(mail!.body.text).toMatch(/24,20\s€/);
    expect(mail!.replyTo).toEqual(['billing@example.es']);

    // The buyer may ask again (with corrected data, say): a new request, pending like any.
    const asked = await api.call(
      'POST',
      `/v1/public/self-invoicing/${ticket.companyNumber}/invoices`,
      { body: { reference: ticket.reference, ...redemption } },
    );
    expect(asked.status, asked.text).toBe(202);
    const reasked = await api.call('GET', `/v1/tickets/${ticket.id}`, { key });
    expect(reasked.json.lateRequest).toMatchObject({ email });
    expect(reasked.json.declinedLateRequest).toMatchObject({ reason });
  });
});

describe('declining a late request (Mexican tenant)', () => {
  it('tells the buyer in Mexican wording, and the ticket goes into the month’s global', async () => {
    const tenant = await createMexicanTenant();
    const csd = await api.call('PUT', '/v1/csd', { key: tenant.key, body: SAT_TEST_CSD });
    expect(csd.status, csd.text).toBe(200);
    const email = anEmail();
    const ticket = await lateRequestOf(
      tenant,
      {
        total: '116.00',
        currency: 'MXN',
        taxes: [{ type: 'IVA', rate: '16', base: '100.00', amount: '16.00' }],
      },
      {
        total: '116.00',
        email,
        buyer: {
          taxId: 'MCI7306249Y6',
          name: 'MINISTERIO DE CULTURA INDIGENA',
          postalCode: '06300',
          taxRegime: '603',
        },
      },
    );
    const res = await api.call('POST', `/v1/tickets/${ticket.id}/decline-late-request`, {
      key: tenant.key,
      body: { reason: 'El RFC no corresponde al nombre registrado en el SAT.' },
    });
    expect(res.status, res.text).toBe(200);
    const [mail] = await mailsTo(email);
    expect(mail?.body.text).toContain('RFC MCI7306249Y6');
    expect(mail?.body.text).toContain('El RFC no corresponde al nombre registrado en el SAT.');

    // Declined, the ticket is an open one like any other: the month's global takes it.
    const closed = await api.call('POST', '/v1/global-invoices', {
      key: tenant.key,
      body: { period },
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json.global.tickets).toEqual([ticket.reference]);
    const stored = await api.call('GET', `/v1/tickets/${ticket.id}`, { key: tenant.key });
    expect(stored.json).toMatchObject({ status: 'global', globalInvoiceId: closed.json.global.id });
  });
});
