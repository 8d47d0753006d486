import { describe, expect, it } from 'vitest';
import type { Customer } from '../customers/customer.ts';
import type { Tenant } from '../tenants/tenant.ts';
import { assertIssuable, invoiceJurisdiction, invoiceTerms } from './terms.ts';

const address = (country: string, postalCode = '44100') => ({
  line1: 'x',
  city: 'y',
  postalCode,
  country,
});
const tenant = (country: string, extra: Partial<Tenant> = {}): Tenant => ({
  id: 'ten_1',
  name: 'T',
  taxId: country === 'MX' ? 'EKU9003173C9' : 'B12345674',
  taxIdKind: country === 'MX' ? 'MX_RFC' : 'ES_CIF',
  personType: 'legalEntity',
  email: 't@example.com',
  language: 'es',
  timezone: 'Europe/Madrid',
  address: address(country),
  createdAt: '2026-01-01T00:00:00Z',
  ...extra,
});
const customer = (country: string, extra: Partial<Customer> = {}): Customer => ({
  id: 'cus_1',
  tenantId: 'ten_1',
  taxId: 'URE180429TM6',
  taxIdKind: country === 'MX' ? 'MX_RFC' : 'OTHER',
  personType: 'legalEntity',
  name: 'C',
  language: 'es',
  address: address(country, '86991'),
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...extra,
});
const errorsOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { errors: { path: string; message: string }[] }).errors;
  }
  throw new Error('expected a ValidationError');
};

describe('invoiceTerms', () => {
  it('defaults to the accounting currency: EUR in Spain, MXN in Mexico', () => {
    expect(invoiceTerms(tenant('ES'), customer('ES'), {})).toEqual({
      jurisdiction: 'ES',
      currency: 'EUR',
    });
    expect(invoiceTerms(tenant('MX'), customer('MX', { taxRegime: '601' }), {})).toEqual({
      jurisdiction: 'MX',
      currency: 'MXN',
      cfdiUse: 'G03',
    });
  });

  it('defaults the use of the CFDI to S01 where G03 does not go with the buyer', () => {
    const salaried = customer('MX', { personType: 'individual', taxRegime: '605' });
    expect(invoiceTerms(tenant('MX'), salaried, {}).cfdiUse).toBe('S01');
    expect(invoiceTerms(tenant('MX'), customer('US'), {}).cfdiUse).toBe('S01');
  });

  it('checks the use against the buyer’s régimen and person type (SAT’s c_UsoCFDI)', () => {
    const moral = customer('MX', { taxRegime: '601' });
    expect(errorsOf(() => invoiceTerms(tenant('MX'), moral, { cfdiUse: 'D01' }))).toEqual([
      { path: 'cfdiUse', message: 'Uso D01 is not for legal entities (persona moral)' },
    ]);
    expect(errorsOf(() => invoiceTerms(tenant('MX'), moral, { cfdiUse: 'X99' }))).toEqual([
      { path: 'cfdiUse', message: 'Not a c_UsoCFDI code, e.g. G03 or S01' },
    ]);
    expect(errorsOf(() => invoiceTerms(tenant('ES'), customer('ES'), { cfdiUse: 'G03' }))).toEqual([
      { path: 'cfdiUse', message: 'Only Mexican invoices (CFDI) carry it' },
    ]);
  });

  it('needs a positive rate exactly when the currency is not the accounting one', () => {
    expect(
      invoiceTerms(tenant('MX'), customer('US'), { currency: 'USD', exchangeRate: '17.2345' }),
    ).toMatchObject({ currency: 'USD', exchangeRate: '17.2345' });
    const paths = (request: Record<string, string>) =>
      errorsOf(() => invoiceTerms(tenant('ES'), customer('ES'), request)).map((e) => e.path);
    expect(paths({ currency: 'USD' })).toEqual(['exchangeRate']);
    expect(paths({ currency: 'USD', exchangeRate: '0' })).toEqual(['exchangeRate']);
    expect(paths({ currency: 'USD', exchangeRate: '1.1234567' })).toEqual(['exchangeRate']);
    expect(paths({ exchangeRate: '1' })).toEqual(['exchangeRate']);
    expect(paths({ currency: 'XXX', exchangeRate: '1' })).toEqual(['currency']);
  });
});

describe('assertIssuable', () => {
  it('asks a Mexican issuer for its régimen and place of issue, and a Mexican buyer for its régimen', () => {
    const paths = errorsOf(() => assertIssuable(tenant('MX'), customer('MX'))).map((e) => e.path);
    expect(paths).toEqual([
      'issuer.taxRegime',
      'issuer.expeditionPostalCode',
      'customer.taxRegime',
    ]);
    const ready = tenant('MX', { taxRegime: '601', expeditionPostalCode: '44100' });
    expect(() => assertIssuable(ready, customer('MX', { taxRegime: '601' }))).not.toThrow();
    expect(() => assertIssuable(ready, customer('US'))).not.toThrow();
    expect(() => assertIssuable(tenant('ES'), customer('ES'))).not.toThrow();
  });
});

describe('invoiceJurisdiction', () => {
  it('is the issuer’s: Mexico for a Mexican issuer, Spain otherwise', () => {
    expect(invoiceJurisdiction({ issuer: { address: address('MX') } })).toBe('MX');
    expect(invoiceJurisdiction({ issuer: { address: address('ES') } })).toBe('ES');
  });
});
