import { repositories } from '@sello/app/platform';
import { systemClock, ulidIds } from '@sello/core/ports';
import { provisionTenant } from '@sello/core/tenants';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/**
 * Invoices in other currencies (a Spanish tenant invoicing in USD) and a Mexican tenant's data
 * through the API: régimen, place of issue, buyers' régimen and use of the CFDI, SAT keys on
 * products and lines, Mexican taxes computed by CFDI's rules.
 */
const api = await startApi();

const errorPaths = (res: { json: { errors: { path: string }[] } }) =>
  res.json.errors.map((e) => e.path);

const line = (taxes: unknown[], extra: Record<string, unknown> = {}) => ({
  description: 'Servicio',
  quantity: '2',
  unitPrice: '100.00',
  taxes,
  ...extra,
});

describe('a Spanish tenant invoicing in another currency', () => {
  let key: string;
  let customerId: string;
  beforeAll(async () => {
    ({ key } = await createTenant());
    customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  });

  it('needs the exchange rate to EUR, and refuses one for an invoice in EUR', async () => {
    const body = { customerId, lines: [line([{ type: 'IVA', rate: '21' }])] };
    const missing = await api.call('POST', '/v1/invoices', {
      key,
      body: { ...body, currency: 'USD' },
    });
    expect(missing.status).toBe(400);
    expect(errorPaths(missing)).toEqual(['exchangeRate']);
    const unknown = await api.call('POST', '/v1/invoices', {
      key,
      body: { ...body, currency: 'ABC', exchangeRate: '1' },
    });
    expect(errorPaths(unknown)).toEqual(['currency']);
    const needless = await api.call('POST', '/v1/invoices', {
      key,
      body: { ...body, exchangeRate: '1.1' },
    });
    expect(errorPaths(needless)).toEqual(['exchangeRate']);
  });

  it('rounds to the currency: JPY has no decimals', async () => {
    const res = await api.call('POST', '/v1/invoices', {
      key,
      body: {
        customerId,
        currency: 'JPY',
        exchangeRate: '0.0061',
        lines: [{ ...line([{ type: 'IVA', rate: '21' }]), unitPrice: '1234.5', quantity: '1' }],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      currency: 'JPY',
      exchangeRate: '0.0061',
      totals: { net: '1235', tax: '259', withheld: '0', total: '1494' },
    });
  });

  it('issues in USD: Facturae with the exchange-rate block, UBL with the VAT in EUR', async () => {
    const draft = await api.call('POST', '/v1/invoices', {
      key,
      body: {
        customerId,
        currency: 'USD',
        exchangeRate: '0.9215',
        lines: [line([{ type: 'IVA', rate: '21' }])],
      },
    });
    expect(draft.status).toBe(201);
    expect(draft.json).toMatchObject({ currency: 'USD', exchangeRate: '0.9215' });
    const issued = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key });
    expect(issued.status).toBe(200);
    await api.settled();
    const facturae = await api.call('GET', `/v1/invoices/${draft.json.id}/documents/facturae`, {
      key,
    });
    expect(facturae.status).toBe(200);
    expect(facturae.text).toContain('<ExchangeRate>0.9215</ExchangeRate>');
    expect(facturae.text).toContain('<EquivalentInEuros>38.70</EquivalentInEuros>');
    const ubl = await api.call('GET', `/v1/invoices/${draft.json.id}/documents/ubl`, { key });
    expect(ubl.text).toContain('<cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>');
    expect(ubl.text).toContain('<cbc:TaxAmount currencyID="USD">42.00</cbc:TaxAmount>');
  });

  it('keeps Mexican fields off Spanish tenants, customers and products', async () => {
    const tenant = await api.call('PATCH', '/v1/tenant', { key, body: { taxRegime: '601' } });
    expect(tenant.status).toBe(400);
    expect(errorPaths(tenant)).toEqual(['taxRegime']);
    const customer = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ taxRegime: '601' }),
    });
    expect(errorPaths(customer)).toEqual(['taxRegime']);
    const product = await api.call('POST', '/v1/products', {
      key,
      body: {
        code: 'MX-KEYS',
        description: 'x',
        unitPrice: '1',
        taxes: [{ type: 'IVA', rate: '21' }],
        satProductKey: '01010101',
      },
    });
    expect(errorPaths(product)).toEqual(['satProductKey']);
  });
});

describe('a Mexican tenant', () => {
  let key: string;
  let buyerId: string;
  beforeAll(async () => {
    const { secret } = await provisionTenant({
      tenants: repositories().tenants,
      clock: systemClock,
      ids: ulidIds,
    })({
      name: 'ESCUELA KEMPER URGATE',
      taxId: 'EKU9003173C9',
      email: 'facturas@kemper.example.mx',
      language: 'es',
      timezone: 'America/Mexico_City',
      address: { line1: 'Av. Juárez 100', city: 'Guadalajara', postalCode: '44100', country: 'MX' },
    });
    key = secret;
  });

  it('sets its régimen and place of issue, checked against SAT’s catalog', async () => {
    const wrong = await api.call('PATCH', '/v1/tenant', {
      key,
      body: { taxRegime: '612', expeditionPostalCode: '44100' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.errors).toEqual([
      { path: 'taxRegime', message: 'Régimen 612 is not for legal entities (persona moral)' },
    ]);
    const res = await api.call('PATCH', '/v1/tenant', {
      key,
      body: { taxRegime: '601', expeditionPostalCode: '44100' },
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({
      taxRegime: '601',
      expeditionPostalCode: '44100',
      accountingCurrency: 'MXN',
    });
  });

  it('keeps its buyers’ régimen and checks the use of the CFDI against it', async () => {
    const buyer = await api.call('POST', '/v1/customers', {
      key,
      body: {
        taxId: 'URE180429TM6',
        name: 'UNIVERSIDAD ROBOTICA ESPAÑOLA',
        address: { line1: 'Calle 5', city: 'CDMX', postalCode: '86991', country: 'MX' },
        taxRegime: '601',
      },
    });
    expect(buyer.status).toBe(201);
    expect(buyer.json.taxRegime).toBe('601');
    buyerId = buyer.json.id;
    const personal = await api.call('POST', '/v1/invoices', {
      key,
      body: { customerId: buyerId, cfdiUse: 'D01', lines: [line([{ type: 'IVA', rate: '16' }])] },
    });
    expect(personal.status).toBe(400);
    expect(errorPaths(personal)).toEqual(['cfdiUse']);
  });

  it('computes Mexican taxes from catalog products with SAT keys', async () => {
    const refused = await api.call('POST', '/v1/products', {
      key,
      body: { code: 'BAD', description: 'x', unitPrice: '1', taxes: [{ type: 'IVA', rate: '21' }] },
    });
    expect(refused.status).toBe(400);
    expect(errorPaths(refused)).toEqual(['taxes.0.rate']);
    const beer = await api.call('POST', '/v1/products', {
      key,
      body: {
        code: 'CERVEZA',
        description: 'Cerveza 355 ml',
        unitPrice: '18.50',
        taxes: [
          { type: 'IEPS', rate: '26.5' },
          { type: 'IVA', rate: '16' },
        ],
        satProductKey: '50202201',
        satUnitKey: 'H87',
        taxObject: '02',
      },
    });
    expect(beer.status).toBe(201);
    expect(beer.json).toMatchObject({ satProductKey: '50202201', satUnitKey: 'H87' });
    const res = await api.call('POST', '/v1/invoices', {
      key,
      body: {
        customerId: buyerId,
        lines: [
          { productId: beer.json.id, quantity: '24' },
          line(
            [
              { type: 'IVA', rate: '16' },
              { type: 'ISR', rate: '10' },
              { type: 'IVA', rate: '10.6667', withheld: true },
            ],
            { satProductKey: '80111601', satUnitKey: 'E48' },
          ),
        ],
      },
    });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      currency: 'MXN',
      cfdiUse: 'G03',
      issuer: { taxRegime: '601', expeditionPostalCode: '44100' },
      customer: { taxRegime: '601' },
      totals: { net: '644.00', tax: '239.53', withheld: '41.33', total: '842.20' },
    });
    expect(res.json.lines[0]).toMatchObject({ satProductKey: '50202201', taxObject: '02' });
  });

  it('issues nothing until a Mexican buyer has its régimen', async () => {
    const buyer = await api.call('POST', '/v1/customers', {
      key,
      body: {
        taxId: 'XIQB891116QE4',
        name: 'BERENICE XIMO QUEZADA',
        address: { line1: 'Calle 1', city: 'Tijuana', postalCode: '22000', country: 'MX' },
      },
    });
    expect(buyer.status).toBe(201);
    const draft = await api.call('POST', '/v1/invoices', {
      key,
      body: { customerId: buyer.json.id, lines: [line([{ type: 'IVA', rate: '8' }])] },
    });
    expect(draft.status).toBe(201);
    const res = await api.call('POST', `/v1/invoices/${draft.json.id}/issue`, { key });
    expect(res.status).toBe(400);
    expect(errorPaths(res)).toEqual(['customer.taxRegime']);
    const still = await api.call('GET', `/v1/invoices/${draft.json.id}`, { key });
    expect(still.json.status).toBe('draft');
  });
});
