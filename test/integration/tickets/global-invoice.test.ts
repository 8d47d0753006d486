import { randomBytes } from 'node:crypto';
import { artifactStore } from '@sello/app/documents';
import { globalXmlKey } from '@sello/core/tickets';
import { readCfdi } from '@sello/formats/cfdi';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratch, validateCfdi } from '../../conformance/cfdi/support.ts';
import { startApi } from '../../support/api.ts';
import { createMexicanTenant, SAT_TEST_CSD } from '../../support/mexico.ts';

/**
 * Mexico's factura global through the API with the sandbox PAC: the close leaves out what was
 * invoiced, and a late request for a ticket in it reissues the global without it (04), cancels
 * the old one (01, naming the new one) and issues the buyer's own CFDI.
 */
const api = await startApi();
const files = scratch();
let key: string;
let tenantId: string;
let companyNumber: string;

const fresh = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;

// A sale in the middle of the previous month, and that month as YYYY-MM.
const now = new Date();
const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 14, 18));
const period = lastMonth.toISOString().slice(0, 7);

const buyer = {
  taxId: 'MCI7306249Y6',
  name: 'MINISTERIO DE CULTURA INDIGENA',
  postalCode: '06300',
  taxRegime: '603',
  cfdiUse: 'G03',
};

const importTicket = async (reference: string) => {
  const body = {
    reference,
    date: lastMonth.toISOString(),
    total: '116.00',
    currency: 'MXN',
    taxes: [{ type: 'IVA', rate: '16', base: '100.00', amount: '16.00' }],
  };
  const res = await api.call('POST', '/v1/tickets', { key, body });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string };
};

/** A buyer's request past the limit (202), then the tenant's approval: the buyer's CFDI. */
const lateInvoice = async (reference: string, id: string) => {
  const late = await api.call('POST', `/v1/public/self-invoicing/${companyNumber}/invoices`, {
    body: { reference, total: '116.00', buyer, email: 'compras@mci.example.mx' },
  });
  expect(late.status, late.text).toBe(202);
  const approved = await api.call('POST', `/v1/tickets/${id}/approve-late-request`, { key });
  expect(approved.status, approved.text).toBe(201);
  return approved.json as { invoiceId: string };
};

/** A global's stamped XML as the API serves it, checked against what was stored. */
const xmlOf = async (id: string) => {
  const res = await api.call('GET', `/v1/global-invoices/${id}/documents/cfdi`, { key });
  expect(res.status, res.text).toBe(200);
  expect(res.headers.get('content-type')).toContain('application/xml');
  expect(res.headers.get('content-disposition')).toContain(`factura-global-${id.slice(4)}-`);
  const stored = new TextDecoder().decode(await artifactStore().get(globalXmlKey(tenantId, id)));
  expect(res.text).toBe(stored);
  return res.text;
};

beforeAll(async () => {
  ({ key, tenantId } = await createMexicanTenant());
  expect((await api.call('PUT', '/v1/csd', { key, body: SAT_TEST_CSD })).status).toBe(200);
  companyNumber = fresh('KEMPER');
  const res = await api.call('PATCH', '/v1/settings', {
    key,
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
  expect(res.status, res.text).toBe(200);
});

describe('the factura global of a month', () => {
  it('leaves out invoiced tickets, and a late request after it keeps everything consistent', async () => {
    const [a, b, c] = [fresh('A'), fresh('B'), fresh('C')];
    const ids = {
      a: (await importTicket(a)).id,
      b: (await importTicket(b)).id,
      c: (await importTicket(c)).id,
    };
    // B is invoiced to a buyer before the close.
    await lateInvoice(b, ids.b);

    const closed = await api.call('POST', '/v1/global-invoices', { key, body: { period } });
    expect(closed.status, closed.text).toBe(200);
    const first = closed.json.global;
    expect(first).toMatchObject({
      id: `glb_${period}`,
      status: 'stamped',
      period,
      total: '232.00',
    });
    expect([...first.tickets].sort()).toEqual([a, c].sort());
    const xml = await xmlOf(first.id);
    expect(validateCfdi(files.file(xml)).output).toContain('validates');
    const cfdi = readCfdi(xml);
    expect(cfdi.timbre?.uuid).toBe(first.uuid);
    expect(cfdi.receptor.rfc).toBe('XAXX010101000');
    expect(cfdi.informacionGlobal).toMatchObject({ periodicidad: '04', meses: period.slice(5) });
    expect(cfdi.conceptos.map((k) => k.noIdentificacion).sort()).toEqual([a, c].sort());

    // Closing the month again answers the same global.
    const again = await api.call('POST', '/v1/global-invoices', { key, body: { period } });
    expect(again.json.global).toMatchObject({ id: first.id, uuid: first.uuid });

    // A buyer asks late for A, which is in the global.
    const invoiced = await lateInvoice(a, ids.a);
    const list = await api.call('GET', '/v1/global-invoices', { key });
    expect(list.status).toBe(200);
    const byId = Object.fromEntries(
      (list.json.items as { id: string }[]).map((g) => [g.id, g as Record<string, unknown>]),
    );
    const reissue = byId[`glb_${period}_r1`]!;
    expect(reissue).toMatchObject({
      status: 'stamped',
      tickets: [c],
      total: '116.00',
      replaces: { id: first.id, uuid: first.uuid },
    });
    expect(byId[first.id]).toMatchObject({
      status: 'cancelled',
      replacedBy: reissue.id,
      cancellation: { reason: '01', substitute: reissue.uuid },
    });
    const reissued = await xmlOf(reissue.id as string);
    expect(validateCfdi(files.file(reissued)).output).toContain('validates');
    expect(readCfdi(reissued).cfdiRelacionados).toEqual([
      { tipoRelacion: '04', uuids: [first.uuid] },
    ]);

    const ticketA = await api.call('GET', `/v1/tickets/${ids.a}`, { key });
    expect(ticketA.json).toMatchObject({ status: 'invoiced', invoiceId: invoiced.invoiceId });
    expect(ticketA.json.globalInvoiceId).toBeUndefined();
    const ticketC = await api.call('GET', `/v1/tickets/${ids.c}`, { key });
    expect(ticketC.json).toMatchObject({ status: 'global', globalInvoiceId: reissue.id });
    const invoice = await api.call('GET', `/v1/invoices/${invoiced.invoiceId}`, { key });
    expect(invoice.json.cfdi).toMatchObject({ status: 'stamped' });
  });

  it("answers 404 for another tenant's or an unknown global, and 400 naming a bad id or format", async () => {
    const other = await createMexicanTenant();
    const unknown = await api.call('GET', `/v1/global-invoices/glb_${period}/documents/cfdi`, {
      key: other.key,
    });
    expect(unknown.status, unknown.text).toBe(404);
    const format = await api.call('GET', `/v1/global-invoices/glb_${period}/documents/pdf`, {
      key,
    });
    expect(format.status).toBe(400);
    expect(format.json.errors).toEqual([expect.objectContaining({ path: 'params.format' })]);
    const id = await api.call('GET', '/v1/global-invoices/inv_123/documents/cfdi', { key });
    expect(id.status).toBe(400);
    expect(id.json.errors).toEqual([expect.objectContaining({ path: 'params.id' })]);
  });
});
