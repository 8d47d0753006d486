import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { anEmailKey, aTaxId } from '../../support/recipients.ts';

const api = await startApi();
let tenant: { tenantId: string; key: string };

beforeAll(async () => {
  tenant = await createTenant('Gestión de Claves SL');
});

describe('issuer keys (key management)', () => {
  it('creates a key shown once, valid 30 days, for a normalised tax id', async () => {
    const res = await api.call('POST', '/v1/onboarding-keys', {
      key: tenant.key,
      body: { taxId: 'b-2345678 3' },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/onboarding-keys/${res.json.id}`);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^onb_/),
      taxId: 'B23456783',
      createdAt: expect.any(String),
      expiresAt: expect.any(String),
      key: expect.stringMatching(/^ikey_[0-9A-Za-z]{32}$/),
    });
    expect(Date.parse(res.json.expiresAt) - Date.parse(res.json.createdAt)).toBe(30 * 86_400_000);
  });

  it('takes a tax id of another country, and refuses an invalid one naming `taxId`', async () => {
    const mx = await api.call('POST', '/v1/onboarding-keys', {
      key: tenant.key,
      body: { taxId: 'GODE561231GR8', country: 'MX' },
    });
    expect(mx.status).toBe(201);
    expect(mx.json.taxId).toBe('GODE561231GR8');
    const bad = await api.call('POST', '/v1/onboarding-keys', {
      key: tenant.key,
      body: { taxId: 'B23456780' },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual(['taxId']);
    expect(
      (await api.call('POST', '/v1/onboarding-keys', { body: { taxId: 'B23456783' } })).status,
    ).toBe(401);
  });

  it("lists the tenant's issuer keys oldest first, by pages, without secrets or mail keys", async () => {
    const own = await createTenant();
    const made: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await api.call('POST', '/v1/onboarding-keys', {
        key: own.key,
        body: { taxId: aTaxId() },
      });
      made.push(res.json.id);
    }
    // Keys of notification mails are not the issuer's to manage.
    await anEmailKey(own.tenantId, aTaxId());
    const first = await api.call('GET', '/v1/onboarding-keys?limit=2', { key: own.key });
    expect(first.json.items.map((k: { id: string }) => k.id)).toEqual(made.slice(0, 2));
    const rest = await api.call(
      'GET',
      `/v1/onboarding-keys?limit=2&cursor=${first.json.nextCursor}`,
      { key: own.key },
    );
    expect(rest.json.items.map((k: { id: string }) => k.id)).toEqual(made.slice(2));
    expect(rest.json.nextCursor).toBeUndefined();
    for (const k of [...first.json.items, ...rest.json.items]) {
      expect(Object.keys(k).sort()).toEqual(['createdAt', 'expiresAt', 'id', 'taxId']);
    }
    // Another tenant sees none of them, and cannot revoke them.
    const theirs = await api.call('GET', '/v1/onboarding-keys', { key: tenant.key });
    expect(theirs.json.items.map((k: { id: string }) => k.id)).not.toContain(made[0]);
    expect(
      (await api.call('DELETE', `/v1/onboarding-keys/${made[0]}`, { key: tenant.key })).status,
    ).toBe(404);
  });
});
