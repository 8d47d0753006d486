import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';

const api = await startApi();
let key: string;
let keyId: string;

beforeAll(async () => {
  ({ key, keyId } = await createTenant());
});

describe('API keys: POST, GET and DELETE /v1/api-keys', () => {
  it('creates a key whose secret is shown once and works at once', async () => {
    const res = await api.call('POST', '/v1/api-keys', { key, body: { name: 'ERP' } });
    expect(res.status).toBe(201);
    expect(res.json.key).toMatch(/^sello_[0-9A-Za-z]{40}$/);
    expect(res.json.prefix).toBe(res.json.key.slice(0, 10));
    expect((await api.call('GET', '/v1/tenant', { key: res.json.key })).status).toBe(200);

    const list = await api.call('GET', '/v1/api-keys', { key });
    expect(list.json.items.map((k: { name: string }) => k.name)).toEqual(['Initial key', 'ERP']);
    expect(list.text).not.toContain(res.json.key);
    expect(list.text).not.toMatch(/hash/);
  });

  it('revokes a key at once; a key cannot revoke itself', async () => {
    const extra = (await api.call('POST', '/v1/api-keys', { key, body: { name: 'Temp' } })).json;
    expect((await api.call('GET', '/v1/tenant', { key: extra.key })).status).toBe(200);
    expect((await api.call('DELETE', `/v1/api-keys/${extra.id}`, { key })).status).toBe(204);
    const after = await api.call('GET', '/v1/tenant', { key: extra.key });
    expect(after.status).toBe(401);
    const self = await api.call('DELETE', `/v1/api-keys/${keyId}`, { key });
    expect(self.status).toBe(409);
    const listed = (await api.call('GET', '/v1/api-keys', { key })).json.items;
    expect(listed.find((k: { id: string }) => k.id === extra.id).revokedAt).toEqual(
      expect.any(String),
    );
  });

  it("another tenant cannot see or revoke this tenant's keys", async () => {
    const other = await createTenant('Other');
    expect((await api.call('DELETE', `/v1/api-keys/${keyId}`, { key: other.key })).status).toBe(
      404,
    );
    const theirs = (await api.call('GET', '/v1/api-keys', { key: other.key })).json.items;
    expect(theirs.map((k: { id: string }) => k.id)).not.toContain(keyId);
  });
});

describe('GET /v1/tenant', () => {
  it("answers the calling key's tenant", async () => {
    const res = await api.call('GET', '/v1/tenant', { key });
    expect(res.json).toMatchObject({
      taxId: 'B12345674',
      timezone: 'Europe/Madrid',
      language: 'es',
    });
  });
});
