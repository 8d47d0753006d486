import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
const countCustomers = async () =>
  (await api.call('GET', '/v1/customers?limit=200', { key })).json.items.length;

beforeAll(async () => {
  ({ key } = await createTenant());
});

describe('POST /v1/customers', () => {
  it('creates a customer with a normalised, check-digit-validated tax id', async () => {
    // Act
    const res = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ taxId: '12.345.678-z' }),
    });
    // Assess
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      taxId: '12345678Z',
      taxIdKind: 'ES_NIF',
      personType: 'individual',
      name: 'Ana García Pérez',
      language: 'es',
      version: 1,
    });
    expect(res.json.id).toMatch(/^cus_[0-9a-z]{26}$/);
    expect(res.headers.get('location')).toBe(`/v1/customers/${res.json.id}`);
    expect(res.headers.get('etag')).toBe('"v1"');
    const read = await api.call('GET', `/v1/customers/${res.json.id}`, { key });
    expect(read.json).toEqual(res.json);
  });

  it('accepts Mexican RFCs and EU VAT numbers, defaulting the language by country', async () => {
    const mx = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({
        taxId: 'GODE561231GR8',
        address: {
          line1: 'Av. Reforma 10',
          city: 'Ciudad de México',
          postalCode: '06600',
          country: 'MX',
        },
      }),
    });
    expect(mx.status).toBe(201);
    expect(mx.json).toMatchObject({
      taxIdKind: 'MX_RFC',
      personType: 'individual',
      language: 'es',
    });
    const de = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({
        taxId: '123456789',
        address: {
          line1: 'Unter den Linden 1',
          city: 'Berlin',
          postalCode: '10117',
          country: 'DE',
        },
      }),
    });
    expect(de.status).toBe(201);
    expect(de.json).toMatchObject({ taxId: 'DE123456789', taxIdKind: 'EU_VAT', language: 'en' });
  });

  it('refuses a wrong check digit naming the field, and writes nothing', async () => {
    const before = await countCustomers();
    const res = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ taxId: '12345678A' }),
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.json.type).toBe('urn:sello:problem:validation-error');
    expect(res.json.errors).toEqual([
      { path: 'taxId', message: 'NIF 12345678A has control letter A; expected Z' },
    ]);
    expect(await countCustomers()).toBe(before);
  });

  it('refuses a country that is not ISO 3166-1', async () => {
    const res = await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ address: { ...aCustomer().address, country: 'XX' } }),
    });
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { path: 'address.country', message: 'XX is not an ISO 3166-1 alpha-2 country code' },
    ]);
  });
});
