import { randomBytes } from 'node:crypto';
import { readCfdi } from '@sello/formats/cfdi';
import { beforeAll, describe, expect, it } from 'vitest';
import { scratch, validateCfdi } from '../../conformance/cfdi/support.ts';
import { startApi } from '../../support/api.ts';
import { createMexicanTenant, SAT_TEST_CSD } from '../../support/mexico.ts';

/** A Mexican tenant's public self-invoicing page: the buyer gets a stamped CFDI. */
const api = await startApi();
const files = scratch();
let key: string;
let companyNumber: string;

const fresh = (prefix: string) => `${prefix}-${randomBytes(3).toString('hex').toUpperCase()}`;

const aTicket = (reference: string) => ({
  reference,
  date: new Date(Date.now() - 3600_000).toISOString(),
  total: '116.00',
  currency: 'MXN',
  taxes: [{ type: 'IVA', rate: '16', base: '100.00', amount: '16.00' }],
});

const buyer = {
  taxId: 'MCI7306249Y6',
  name: 'MINISTERIO DE CULTURA INDIGENA',
  postalCode: '06300',
  taxRegime: '603',
  cfdiUse: 'G03',
};

const redeem = (reference: string, overrides: Record<string, unknown> = {}) =>
  api.call('POST', `/v1/public/self-invoicing/${companyNumber}/invoices`, {
    body: { reference, total: '116.00', buyer, email: 'compras@mci.example.mx', ...overrides },
  });

const importTicket = async (reference: string) => {
  const res = await api.call('POST', '/v1/tickets', { key, body: aTicket(reference) });
  expect(res.status, res.text).toBeLessThan(300);
  return res.json;
};

beforeAll(async () => {
  ({ key } = await createMexicanTenant());
  expect((await api.call('PUT', '/v1/csd', { key, body: SAT_TEST_CSD })).status).toBe(200);
  companyNumber = fresh('KEMPER');
  const res = await api.call('PATCH', '/v1/settings', {
    key,
    body: {
      selfInvoicing: {
        enabled: true,
        companyNumber,
        limit: { kind: 'naturalMonth' },
        concept: { description: 'Venta', satProductKey: '01010101', satUnitKey: 'ACT' },
      },
    },
  });
  expect(res.status, res.text).toBe(200);
});

describe('self-invoicing for a Mexican tenant', () => {
  it('asks for RFC, régimen, use and postal code', async () => {
    const res = await api.call('GET', `/v1/public/self-invoicing/${companyNumber}`);
    expect(res.status).toBe(200);
    expect(res.json.jurisdiction).toBe('MX');
  });

  it('turns a ticket into the buyer’s stamped CFDI, downloadable as XML and PDF', async () => {
    const reference = fresh('T');
    await importTicket(reference);
    const res = await redeem(reference);
    expect(res.status, res.text).toBe(201);
    // Stamped before the answer (by stampCfdi, which the public route calls): it has its UUID.
    expect(res.json.uuid).toMatch(/^[0-9A-F-]{36}$/);
    const invoice = await api.call('GET', `/v1/invoices/${res.json.invoiceId}`, { key });
    expect(invoice.json.cfdi).toMatchObject({ status: 'stamped', uuid: res.json.uuid });
    await api.settled();
    const xml = await (await fetch(res.json.documents.xml)).text();
    expect(validateCfdi(files.file(xml)).output).toContain('validates');
    const cfdi = readCfdi(xml);
    expect(cfdi.timbre?.uuid).toBe(invoice.json.cfdi.uuid);
    expect(cfdi.receptor).toMatchObject({
      rfc: 'MCI7306249Y6',
      domicilioFiscalReceptor: '06300',
      regimenFiscalReceptor: '603',
      usoCFDI: 'G03',
    });
    expect(cfdi.total).toBe('116.00');
    expect(cfdi.conceptos[0]).toMatchObject({ claveProdServ: '01010101', claveUnidad: 'ACT' });
    const pdf = await fetch(res.json.documents.pdf);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
  });

  it('gives one CFDI for ten concurrent redemptions of a ticket', async () => {
    const reference = fresh('T');
    await importTicket(reference);
    const answers = await Promise.all(Array.from({ length: 10 }, () => redeem(reference)));
    expect(answers.map((a) => a.status).sort()).toEqual([
      201, 409, 409, 409, 409, 409, 409, 409, 409, 409,
    ]);
  });

  it('refuses a generic RFC and a buyer without régimen, naming the field', async () => {
    const reference = fresh('T');
    await importTicket(reference);
    const generic = await redeem(reference, { buyer: { ...buyer, taxId: 'XAXX010101000' } });
    expect(generic.status).toBe(400);
    expect(generic.json.errors.map((e: { path: string }) => e.path)).toContain('buyer.taxId');
    const { taxRegime: _, ...noRegime } = buyer;
    const missing = await redeem(reference, { buyer: noRegime });
    expect(missing.status).toBe(400);
    expect(missing.json.errors.map((e: { path: string }) => e.path)).toContain('buyer.taxRegime');
  });
});
