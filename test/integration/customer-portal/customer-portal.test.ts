import { dynamoClient } from '@sello/app/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { aTaxId, signUp } from '../../support/recipients.ts';

/**
 * The customer portal through the API on DynamoDB Local: a registered recipient acting as the
 * customer of the tenants it buys from, on its own deposits and invoices only.
 */
const api = await startApi();

/** The tenant (supplier), and one with which the recipient has nothing to do. */
let supplier: { tenantId: string; key: string };
let stranger: { tenantId: string; key: string };
/** The recipient (its token) and its customer record at the supplier. */
let me: { token: string; customerId: string; taxId: string };
/** Another registered recipient, a customer of the same supplier. */
let other: { token: string; customerId: string };
let mine: string[];
let theirs: string;

const at = (tenantId: string, path = '') => `/v1/recipients/me/suppliers/${tenantId}${path}`;
let nextReference = 0;

async function deposit(key: string, customerId: string, amount: string, date: string) {
  const res = await api.call('POST', '/v1/deposits', {
    key,
    body: {
      customerId,
      amount,
      currency: 'EUR',
      date,
      method: 'card',
      reference: `PORTAL-${++nextReference}-${customerId}`,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

async function aCustomerThatSignedUp(tenant: { tenantId: string; key: string }, name: string) {
  const taxId = aTaxId();
  const customer = await api.call('POST', '/v1/customers', {
    key: tenant.key,
    body: aCustomer({ taxId, name }),
  });
  expect(customer.status, customer.text).toBe(201);
  const { accessToken } = await signUp(api, tenant, {
    taxId,
    email: `${taxId.toLowerCase()}@cliente.example`,
  });
  return { token: accessToken, customerId: customer.json.id as string, taxId };
}

beforeAll(async () => {
  supplier = await createTenant();
  stranger = await createTenant();
  me = await aCustomerThatSignedUp(supplier, 'Clínica Dental Ruiz, S.L.P.');
  other = await aCustomerThatSignedUp(supplier, 'Talleres Bea, S.L.');
  mine = [
    await deposit(supplier.key, me.customerId, '121.00', '2026-11-20T10:00:00+01:00'),
    await deposit(supplier.key, me.customerId, '60.50', '2026-11-21T10:00:00+01:00'),
    await deposit(supplier.key, me.customerId, '10.01', '2026-11-22T10:00:00+01:00'),
  ];
  theirs = await deposit(supplier.key, other.customerId, '50.00', '2026-11-22T11:00:00+01:00');
});

describe('GET /v1/recipients/me/suppliers', () => {
  it('lists the tenants whose customer has the tax id, with deposits there or not', async () => {
    // A second tenant knows the recipient as a customer too, with no deposits.
    await api.call('POST', '/v1/customers', {
      key: stranger.key,
      body: aCustomer({ taxId: me.taxId, name: 'Clínica Ruiz' }),
    });
    const res = await api.call('GET', '/v1/recipients/me/suppliers', { key: me.token });
    expect(res.status, res.text).toBe(200);
    expect(res.json.items).toHaveLength(2);
    expect(res.json.items[0]).toMatchObject({
      tenantId: supplier.tenantId,
      customerId: me.customerId,
      hasDeposits: true,
    });
    expect(res.json.items[1]).toMatchObject({ tenantId: stranger.tenantId, hasDeposits: false });
  });

  it('refuses an API key: the portal is for a recipient signed in', async () => {
    const res = await api.call('GET', '/v1/recipients/me/suppliers', { key: supplier.key });
    expect(res.status).toBe(401);
  });
});

describe('the deposits of its own customer record', () => {
  it('lists only its own, newest first, with the treatment they are invoiced under', async () => {
    const res = await api.call('GET', at(supplier.tenantId, '/deposits'), { key: me.token });
    expect(res.status, res.text).toBe(200);
    expect(res.json.items.map((d: { id: string }) => d.id)).toEqual([...mine].reverse());
    expect(res.json.jurisdiction).toBe('ES');
    expect(res.json.treatment).toMatchObject({ taxes: [{ type: 'IVA', rate: '21' }] });
  });

  it("answers another customer's deposit as not found, the same as none", async () => {
    const own = await api.call('GET', at(supplier.tenantId, `/deposits/${mine[0]}`), {
      key: me.token,
    });
    expect(own.status, own.text).toBe(200);
    for (const id of [theirs, 'dep_bm9uZQ']) {
      const res = await api.call('GET', at(supplier.tenantId, `/deposits/${id}`), {
        key: me.token,
      });
      expect(res.status, res.text).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('answers a supplier it is no customer of as not found, like one that does not exist', async () => {
    const notMine = await createTenant();
    for (const tenantId of [notMine.tenantId, 'ten_none']) {
      const res = await api.call('GET', at(tenantId, '/deposits'), { key: me.token });
      expect(res.status, res.text).toBe(404);
    }
  });

  it('totals a selection as the invoice will (taxes included in what was paid)', async () => {
    const res = await api.call('POST', at(supplier.tenantId, '/deposits/totals'), {
      key: me.token,
      body: { depositIds: mine.slice(0, 2) },
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      count: 2,
      currency: 'EUR',
      net: '150.00',
      tax: '31.50',
      total: '181.50',
      paid: '181.50',
    });
    // A selection naming another's deposit, or none, is a mistake in the selection: 400 naming
    // it, the same for both (ids say nothing of other customers).
    for (const wrong of [theirs, 'dep_bm9uZQ']) {
      const res = await api.call('POST', at(supplier.tenantId, '/deposits/totals'), {
        key: me.token,
        body: { depositIds: [mine[0], wrong] },
      });
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.errors).toEqual([
        { path: 'depositIds.1', message: `You have no deposit ${wrong}` },
      ]);
    }
    const bad = await api.call('POST', at(supplier.tenantId, '/deposits/totals'), {
      key: me.token,
      body: { depositIds: [] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('depositIds');
  });
});

describe('its invoices: a draft of its deposits, corrected, issued, downloaded, a change asked', () => {
  let draftId: string;
  const invoices = () => at(supplier.tenantId, '/invoices');

  it('makes a draft of its own deposits with the staff use case; another customer’s is a 400', async () => {
    const refused = await api.call('POST', invoices(), {
      key: me.token,
      body: { depositIds: [mine[0], theirs] },
    });
    expect(refused.status, refused.text).toBe(400);
    expect(refused.json.errors).toEqual([
      { path: 'depositIds.1', message: `You have no deposit ${theirs}` },
    ]);
    // The deposits are read once: the ownership check's read is what the draft bills.
    let batchReads = 0;
    dynamoClient().middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName?.startsWith('BatchGet')) batchReads++;
        return next(args);
      },
      { step: 'initialize', name: 'countBatchReads' },
    );
    const res = await api
      .call('POST', invoices(), { key: me.token, body: { depositIds: mine.slice(0, 2) } })
      .finally(() => dynamoClient().middlewareStack.remove('countBatchReads'));
    expect(res.status, res.text).toBe(201);
    expect(batchReads).toBe(1);
    draftId = res.json.id;
    expect(res.json).toMatchObject({
      status: 'draft',
      customerId: me.customerId,
      totals: { net: '150.00', tax: '31.50', total: '181.50' },
    });
    expect(res.json.lines).toHaveLength(2);
    // The same figures the totals route (and the portal's card) gave.
    const totals = await api.call('POST', at(supplier.tenantId, '/deposits/totals'), {
      key: me.token,
      body: { depositIds: mine.slice(0, 2) },
    });
    const { net, tax, total } = res.json.totals;
    expect(totals.json).toMatchObject({ net, tax, total });
  });

  it("lists its drafts and issued invoices, never a draft the supplier's staff are preparing", async () => {
    const staffDraft = await api.call('POST', '/v1/invoices', {
      key: supplier.key,
      body: { customerId: me.customerId, depositIds: [mine[2]] },
    });
    expect(staffDraft.status, staffDraft.text).toBe(201);
    const listed = await api.call('GET', invoices(), { key: me.token });
    expect(listed.status, listed.text).toBe(200);
    const ids = listed.json.items.map((i: { id: string }) => i.id);
    expect(ids).toContain(draftId);
    expect(ids).not.toContain(staffDraft.json.id);
    const read = await api.call('GET', at(supplier.tenantId, `/invoices/${staffDraft.json.id}`), {
      key: me.token,
    });
    expect(read.status).toBe(404);
    await api.call('DELETE', `/v1/invoices/${staffDraft.json.id}`, { key: supplier.key });
    // The other customer reads nothing of it.
    const theirsRead = await api.call('GET', at(supplier.tenantId, `/invoices/${draftId}`), {
      key: other.token,
    });
    expect(theirsRead.status).toBe(404);
  });

  it('previews the draft, corrects its fiscal data and the concept, then issues it', async () => {
    const preview = await api.call(
      'GET',
      at(supplier.tenantId, `/invoices/${draftId}/documents/pdf`),
      {
        key: me.token,
      },
    );
    expect(preview.status, preview.text).toBe(200);
    expect(preview.headers.get('content-type')).toBe('application/pdf');

    const bad = await api.call('PATCH', at(supplier.tenantId, `/invoices/${draftId}`), {
      key: me.token,
      body: { buyer: { taxId: 'B12345674' } },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('buyer.taxId');

    const current = await api.call('GET', at(supplier.tenantId, `/invoices/${draftId}`), {
      key: me.token,
    });
    const corrected = await api.call('PATCH', at(supplier.tenantId, `/invoices/${draftId}`), {
      key: me.token,
      headers: { 'if-match': current.headers.get('etag')! },
      body: {
        buyer: {
          name: 'Clínica Dental Ruiz Martí, S.L.P.',
          address: {
            line1: 'Calle Colón 14, 2º',
            city: 'Valencia',
            postalCode: '46004',
            country: 'ES',
          },
        },
      },
    });
    expect(corrected.status, corrected.text).toBe(200);
    expect(corrected.json.customer).toMatchObject({
      name: 'Clínica Dental Ruiz Martí, S.L.P.',
      address: { line1: 'Calle Colón 14, 2º' },
    });
    // Its customer record at the supplier carries it now, for the next invoices too.
    const record = await api.call('GET', `/v1/customers/${me.customerId}`, { key: supplier.key });
    expect(record.json.name).toBe('Clínica Dental Ruiz Martí, S.L.P.');
    // A stale version is refused, and changes nothing.
    const stale = await api.call('PATCH', at(supplier.tenantId, `/invoices/${draftId}`), {
      key: me.token,
      headers: { 'if-match': current.headers.get('etag')! },
      body: { concept: 'Recarga de saldo' },
    });
    expect(stale.status).toBe(412);
    const concept = await api.call('PATCH', at(supplier.tenantId, `/invoices/${draftId}`), {
      key: me.token,
      body: { concept: 'Recarga de saldo' },
    });
    expect(concept.status, concept.text).toBe(200);
    expect(concept.json.lines[0].description).toMatch(/^Recarga de saldo · /);
    expect(concept.json.customer.name).toBe('Clínica Dental Ruiz Martí, S.L.P.');
    expect(concept.json.totals.total).toBe('181.50');

    const issued = await api.call('POST', at(supplier.tenantId, `/invoices/${draftId}/issue`), {
      key: me.token,
    });
    expect(issued.status, issued.text).toBe(200);
    expect(issued.json.number).toBeTruthy();
    const deposit = await api.call('GET', `/v1/deposits/${mine[0]}`, { key: supplier.key });
    expect(deposit.json).toMatchObject({ status: 'invoiced', invoiceId: draftId });
    // Issued: no more corrections here.
    const late = await api.call('PATCH', at(supplier.tenantId, `/invoices/${draftId}`), {
      key: me.token,
      body: { concept: 'Otro' },
    });
    expect(late.status).toBe(409);
    for (const format of ['pdf', 'facturae']) {
      const doc = await api.call(
        'GET',
        at(supplier.tenantId, `/invoices/${draftId}/documents/${format}`),
        { key: me.token },
      );
      expect(doc.status, `${format}: ${doc.text}`).toBe(200);
    }
  });

  it('asks for a change of its issued invoice and follows it; not of another’s', async () => {
    const ask = (token: string, type = 'correctData') =>
      api.call('POST', at(supplier.tenantId, `/invoices/${draftId}/change-requests`), {
        key: token,
        body: { type, message: 'El concepto debe decir «Bonos de sesiones».' },
      });
    expect((await ask(other.token)).status).toBe(404);
    const res = await ask(me.token);
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      invoiceId: draftId,
      type: 'correctData',
      status: 'open',
      requestedBy: { kind: 'recipient' },
    });
    expect((await ask(me.token)).status).toBe(409);
    const listed = await api.call(
      'GET',
      at(supplier.tenantId, `/invoices/${draftId}/change-requests`),
      { key: me.token },
    );
    expect(listed.status, listed.text).toBe(200);
    expect(listed.json.items.map((r: { id: string }) => r.id)).toEqual([res.json.id]);
    // The supplier's staff see it in their queue.
    const queue = await api.call('GET', `/v1/change-requests?invoiceId=${draftId}`, {
      key: supplier.key,
    });
    expect(queue.json.items[0].id).toBe(res.json.id);
  });
});
