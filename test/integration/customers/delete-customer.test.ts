import { repositories } from '@sello/app/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
let tenantId: string;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant());
});

describe('DELETE /v1/customers/{id}', () => {
  it('soft-deletes: gone from reads and lists, kept in storage for the invoices naming it', async () => {
    const c = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json;
    const res = await api.call('DELETE', `/v1/customers/${c.id}`, { key });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await api.call('GET', `/v1/customers/${c.id}`, { key })).status).toBe(404);
    expect((await api.call('GET', '/v1/customers', { key })).json.items).toEqual([]);
    expect((await api.call('DELETE', `/v1/customers/${c.id}`, { key })).status).toBe(404);
    const stored = await repositories().customers.get(tenantId, c.id);
    expect(stored?.deletedAt).toEqual(expect.any(String));
    expect(stored?.name).toBe('Ana García Pérez');
  });
});
