import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repositories } from '@sello/app/platform';
import { systemClock, ulidIds } from '@sello/core/ports';
import { provisionTenant } from '@sello/core/tenants';

const CERTS = join(import.meta.dirname, '../fixtures/schemas/cfdi/certs');

/** SAT's public test CSD (RFC EKU9003173C9, Escuela Kemper Urgate), as PUT /v1/csd takes it. */
export const SAT_TEST_CSD = {
  certificate: readFileSync(join(CERTS, 'EKU9003173C9.cer')).toString('base64'),
  key: readFileSync(join(CERTS, 'EKU9003173C9.key')).toString('base64'),
  password: '12345678a',
};

/** A Mexican tenant of the test CSD's RFC, régimen 601, issuing from Guadalajara (44100). */
export async function createMexicanTenant() {
  const { tenant, secret } = await provisionTenant({
    tenants: repositories().tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name: 'ESCUELA KEMPER URGATE',
    taxId: 'EKU9003173C9',
    email: 'facturas@kemper.example.mx',
    language: 'es',
    timezone: 'America/Mexico_City',
    address: {
      line1: 'Av. Vallarta 1',
      city: 'Guadalajara',
      postalCode: '44100',
      country: 'MX',
    },
    taxRegime: '601',
    expeditionPostalCode: '44100',
  });
  return { tenantId: tenant.id, key: secret };
}

/** A Mexican business customer as its Constancia de Situación Fiscal names it. */
export const aMexicanCustomer = (overrides: Record<string, unknown> = {}) => ({
  taxId: 'MCI7306249Y6',
  name: 'MINISTERIO DE CULTURA INDIGENA',
  email: 'compras@mci.example.mx',
  taxRegime: '603',
  address: {
    line1: 'Calle Hidalgo 77',
    city: 'Ciudad de México',
    postalCode: '06300',
    country: 'MX',
  },
  ...overrides,
});

/** A line of a Mexican invoice: a service with IVA 16 % and SAT's keys. */
export const MX_LINE = {
  description: 'Curso de capacitación',
  quantity: '2',
  unitPrice: '500.00',
  taxes: [{ type: 'IVA', rate: '16' }],
  satProductKey: '86101700',
  satUnitKey: 'E48',
  taxObject: '02',
};

type Api = {
  call: (
    method: string,
    path: string,
    options?: { key?: string; body?: unknown },
  ) => Promise<{ status: number; text: string; json: { id: string } }>;
};

/** A Mexican tenant that issues CFDI: SAT's test CSD uploaded, one Mexican customer. */
export async function mexicanIssuer(api: Api) {
  const tenant = await createMexicanTenant();
  const csd = await api.call('PUT', '/v1/csd', { key: tenant.key, body: SAT_TEST_CSD });
  if (csd.status !== 200) throw new Error(`PUT /v1/csd: ${csd.text}`);
  const customer = await api.call('POST', '/v1/customers', {
    key: tenant.key,
    body: aMexicanCustomer(),
  });
  if (customer.status !== 201) throw new Error(`POST /v1/customers: ${customer.text}`);
  return { tenant, customerId: customer.json.id };
}
