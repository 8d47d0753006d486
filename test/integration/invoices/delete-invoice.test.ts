import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
let customerId: string;

const line = {
  description: 'Servicio',
  quantity: '1',
  unitPrice: '100.00',
  taxes: [{ type: 'IVA', rate: '21' }],
};
const draft = async () =>
  (await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: [line] } })).json;

beforeAll(async () => {
  ({ key } = await createTenant());
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

describe('DELETE /v1/invoices/{id}', () => {
  it('deletes a draft: it is gone from reads and lists, and a second delete is 404', async () => {
    const d = await draft();
    const res = await api.call('DELETE', `/v1/invoices/${d.id}`, { key });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect((await api.call('GET', `/v1/invoices/${d.id}`, { key })).status).toBe(404);
    const listed = await api.call('GET', '/v1/invoices?status=draft', { key });
    expect(listed.json.items.map((i: { id: string }) => i.id)).not.toContain(d.id);
    const again = await api.call('DELETE', `/v1/invoices/${d.id}`, { key });
    expect(again.status).toBe(404);
    expect(again.json.type).toBe('urn:sello:problem:not-found');
  });

  it('refuses an issued invoice, saying why and what to do instead', async () => {
    const d = await draft();
    const issued = (await api.call('POST', `/v1/invoices/${d.id}/issue`, { key })).json;
    const res = await api.call('DELETE', `/v1/invoices/${d.id}`, { key });
    expect(res.status).toBe(409);
    expect(res.json).toMatchObject({
      type: 'urn:sello:problem:conflict',
      detail:
        `Invoice ${issued.number} is issued and has a number: it cannot be deleted; correct it ` +
        'with /rectify or /cancel, or /void it if it was issued in error',
    });
    expect((await api.call('GET', `/v1/invoices/${d.id}`, { key })).json.status).toBe('issued');
  });

  it('honours If-Match: a stale version is 412 and nothing is deleted; the current one deletes', async () => {
    const d = await draft();
    const edited = await api.call('PATCH', `/v1/invoices/${d.id}`, {
      key,
      body: { notes: 'Entrega en almacén' },
    });
    expect(edited.headers.get('etag')).toBe('"v2"');
    const stale = await api.call('DELETE', `/v1/invoices/${d.id}`, {
      key,
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);
    expect(stale.json.type).toBe('urn:sello:problem:precondition-failed');
    expect((await api.call('GET', `/v1/invoices/${d.id}`, { key })).status).toBe(200);
    const current = await api.call('DELETE', `/v1/invoices/${d.id}`, {
      key,
      headers: { 'if-match': '"v2"' },
    });
    expect(current.status).toBe(204);
  });

  it("is 404 for another tenant's draft, which stays", async () => {
    const other = await createTenant('Other');
    const d = await draft();
    expect((await api.call('DELETE', `/v1/invoices/${d.id}`, { key: other.key })).status).toBe(404);
    expect((await api.call('GET', `/v1/invoices/${d.id}`, { key })).status).toBe(200);
  });
});
