import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/**
 * Free text that ends up in an XML document (Facturae, UBL, CII, VERI*FACTU records) refuses the
 * characters XML 1.0 cannot carry: an invoice issued with one used to hold every later
 * VERI*FACTU record of its tenant back. 400 problem+json naming the field, nothing written.
 */
const api = await startApi();
let key: string;
let customerId: string;

const VT = '\u000b';
const line = (overrides: Record<string, unknown> = {}) => ({
  description: 'Revisión anual',
  quantity: '1',
  unitPrice: '100.00',
  taxes: [{ type: 'IVA', rate: '21' }],
  ...overrides,
});

beforeAll(async () => {
  ({ key } = await createTenant());
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

const count = async (path: string) => (await api.call('GET', path, { key })).json.items.length;

describe('text XML cannot carry', () => {
  it.each([
    {
      path: '/v1/invoices',
      field: 'lines.0.description',
      body: () => ({ customerId, lines: [line({ description: `Revisión${VT}anual` })] }),
    },
    {
      path: '/v1/invoices',
      field: 'lines.0.unit',
      body: () => ({ customerId, lines: [line({ unit: `h${VT}h` })] }),
    },
    {
      path: '/v1/invoices',
      field: 'notes',
      body: () => ({ customerId, lines: [line()], notes: `Nota\u0000` }),
    },
    {
      path: '/v1/invoices',
      field: 'payment.terms',
      body: () => ({
        customerId,
        lines: [line()],
        payment: { means: 'transfer', terms: `30 días\u001f` },
      }),
    },
    {
      path: '/v1/customers',
      field: 'name',
      body: () => aCustomer({ name: `Talleres${VT} Ejemplo` }),
    },
    {
      path: '/v1/customers',
      field: 'address.line1',
      body: () => aCustomer({ address: { ...aCustomer().address, line1: `Calle\uFFFE Mayor` } }),
    },
    {
      path: '/v1/products',
      field: 'description',
      body: () => ({
        code: 'SKU-X',
        description: `Hora\u0008`,
        unitPrice: '60.00',
        taxes: [{ type: 'IVA', rate: '21' }],
      }),
    },
    {
      path: '/v1/tasks',
      field: 'template.lines.0.description',
      body: () => ({
        name: 'Mantenimiento',
        documentType: 'invoice',
        template: { lines: [line({ description: `Cuota\u0001` })] },
        customerIds: [customerId],
        schedule: { expression: 'monthly', startDate: '2030-01-31T09:00' },
      }),
    },
    {
      path: '/v1/tasks',
      field: `assets.${'{customer}'}.0.name`,
      body: () => ({
        name: 'Mantenimiento',
        documentType: 'invoice',
        template: { lines: [line()] },
        customerIds: [customerId],
        assets: { [customerId]: [{ id: 'c1', name: `Caldera\uD800` }] },
        schedule: { expression: 'monthly', startDate: '2030-01-31T09:00' },
      }),
    },
  ])('POST $path refuses it in $field', async ({ path, body, field }) => {
    const before = await count(path);
    const res = await api.call('POST', path, { key, body: body() });
    expect(res.status, res.text).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const expected = field.replace('{customer}', customerId);
    expect(res.json.errors).toEqual([{ path: expected, message: expect.stringMatching(/XML/) }]);
    expect(await count(path)).toBe(before);
  });

  it('accepts tabs, line breaks and any other Unicode, emoji included', async () => {
    const res = await api.call('POST', '/v1/invoices', {
      key,
      body: { customerId, lines: [line({ description: 'Revisión\tanual\r\nCaldera 🔥 «A»' })] },
    });
    expect(res.status, res.text).toBe(201);
  });

  it('PATCH /v1/settings refuses it in payment.terms', async () => {
    const res = await api.call('PATCH', '/v1/settings', {
      key,
      body: { payment: { terms: `30${VT}días` } },
    });
    expect(res.status, res.text).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'payment.terms', message: expect.stringMatching(/XML/) },
    ]);
    expect((await api.call('GET', '/v1/settings', { key })).json.payment?.terms).toBeUndefined();
  });
});
