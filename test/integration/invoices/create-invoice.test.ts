import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

const api = await startApi();
let key: string;
let customerId: string;

beforeAll(async () => {
  ({ key } = await createTenant());
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

describe('POST /v1/invoices', () => {
  it('creates a draft with the DESIGN totals and no number', async () => {
    const res = await api.call('POST', '/v1/invoices', {
      key,
      body: { customerId, lines: acceptanceLines },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      status: 'draft',
      kind: 'standard',
      series: 'F',
      currency: 'EUR',
      language: 'es',
      totals: { net: '379.00', tax: '75.34', withheld: '45.00', total: '409.34' },
      customer: { taxId: '12345678Z', name: 'Ana García Pérez' },
      issuer: { taxId: 'B12345674' },
    });
    expect(res.json.number).toBeUndefined();
    expect(res.json.taxBreakdown).toEqual([
      { type: 'IVA', rate: '21', base: '354.00', amount: '74.34', withheld: false },
      { type: 'IVA', rate: '4', base: '25.00', amount: '1.00', withheld: false },
      { type: 'IRPF', rate: '15', base: '300.00', amount: '45.00', withheld: true },
    ]);
    expect(res.json.lines.map((l: { net: string }) => l.net)).toEqual(['300.00', '54.00', '25.00']);
  });

  it('refuses bad lines naming each field, and writes nothing', async () => {
    const before = (await api.call('GET', '/v1/invoices', { key })).json.items.length;
    const res = await api.call('POST', '/v1/invoices', {
      key,
      body: {
        customerId,
        lines: [
          {
            description: 'x',
            quantity: '1',
            unitPrice: '10',
            taxes: [{ type: 'IVA', rate: '18' }],
          },
          { description: 'y', quantity: 1, unitPrice: '10', taxes: [{ type: 'IVA', rate: '21' }] },
          { quantity: '1', unitPrice: '10' },
        ],
      },
    });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['lines.1.quantity']);
    const domain = await api.call('POST', '/v1/invoices', {
      key,
      body: {
        customerId,
        lines: [
          {
            description: 'x',
            quantity: '1',
            unitPrice: '10',
            taxes: [{ type: 'IVA', rate: '18' }],
          },
          { quantity: '1', unitPrice: '10' },
        ],
      },
    });
    expect(domain.status).toBe(400);
    expect(domain.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'lines.1.description',
      'lines.1.taxes',
    ]);
    const taxes = await api.call('POST', '/v1/invoices', {
      key,
      body: {
        customerId,
        lines: [
          {
            description: 'x',
            quantity: '1',
            unitPrice: '10',
            taxes: [{ type: 'IVA', rate: '18' }],
          },
        ],
      },
    });
    expect(taxes.json.errors).toEqual([
      { path: 'lines.0.taxes.0.rate', message: 'IVA rate must be one of 21, 10, 5, 4, 0' },
    ]);
    const unknown = await api.call('POST', '/v1/invoices', {
      key,
      body: { customerId: 'cus_nope', lines: acceptanceLines },
    });
    expect(unknown.json.errors).toEqual([{ path: 'customerId', message: 'No such customer' }]);
    expect((await api.call('GET', '/v1/invoices', { key })).json.items.length).toBe(before);
  });
});
