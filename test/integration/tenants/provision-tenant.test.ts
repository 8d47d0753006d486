import { describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../packages/local/src/apigw.ts';
import { startApi } from '../../support/api.ts';

const api = await startApi();
const { handler } = await import('../../../functions/tenants/provision-tenant.ts');

const input = {
  name: 'Ferretería Ejemplo SL',
  taxId: 'B12345674',
  email: 'admin@ferreteria.example',
  address: { line1: 'Calle Luna 3', city: 'Valencia', postalCode: '46001', country: 'ES' },
};

describe('provisionTenant (operator invocation)', () => {
  it('creates a tenant and answers its first key once', async () => {
    const out = (await handler(input, lambdaContext('provisionTenant', 30))) as {
      tenant: { id: string; timezone: string };
      apiKey: { key: string };
    };
    expect(out.tenant.timezone).toBe('Europe/Madrid');
    const me = await api.call('GET', '/v1/tenant', { key: out.apiKey.key });
    expect(me.json).toMatchObject({ id: out.tenant.id, name: 'Ferretería Ejemplo SL' });
  });

  it('rejects an invalid event naming the field', async () => {
    await expect(
      handler({ ...input, taxId: 'B12345670' }, lambdaContext('provisionTenant', 30)),
    ).rejects.toMatchObject({ errors: [{ path: 'taxId' }] });
    await expect(
      handler({ ...input, timezone: 'Mars/Olympus' }, lambdaContext('provisionTenant', 30)),
    ).rejects.toMatchObject({ errors: [{ path: 'schedule.timezone' }] });
  });
});
