import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '@sello/app/platform';
import { WEBHOOKS_ALLOW_LOCAL_ENV, webhookSecretBox } from '@sello/app/webhooks';
import { keys } from '@sello/aws';
import { webhookSecretContext } from '@sello/core/webhooks';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';
import { aMember, signIn } from '../../support/staff.ts';

/** Changing a subscription and its secret through the local API. */
const api = await startApi();
let key: string;
let tenantId: string;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Webhook edits'));
});

process.env[WEBHOOKS_ALLOW_LOCAL_ENV] = 'true';
afterEach(() => {
  process.env[WEBHOOKS_ALLOW_LOCAL_ENV] = 'true';
});

const subscribe = async (apiKey = key) => {
  const res = await api.call('POST', '/v1/webhooks', {
    key: apiKey,
    body: {
      url: 'https://erp.talleres.example/hooks',
      events: ['invoice.issued'],
      description: 'ERP',
    },
  });
  expect(res.status).toBe(201);
  return res.json as { id: string; secret: string; createdAt: string };
};
const patch = (id: string, body: unknown, options: { key?: string; ifMatch?: string } = {}) =>
  api.call('PATCH', `/v1/webhooks/${id}`, {
    key: options.key ?? key,
    body,
    ...(options.ifMatch ? { headers: { 'if-match': options.ifMatch } } : {}),
  });
const stored = async (id: string) =>
  (
    await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: keys.webhook(tenantId, id) }),
    )
  ).Item!;

describe('PATCH /v1/webhooks/{id}', () => {
  it('changes url, events and description, keeps the secret and never shows it', async () => {
    const made = await subscribe();
    const before = await stored(made.id);
    const res = await patch(made.id, {
      url: 'https://erp.talleres.example/v2/hooks',
      events: ['invoice.status_changed', 'import.completed', 'import.completed'],
    });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toEqual({
      id: made.id,
      url: 'https://erp.talleres.example/v2/hooks',
      events: ['invoice.status_changed', 'import.completed'],
      description: 'ERP',
      createdAt: made.createdAt,
    });
    expect(res.headers.get('etag')).toBe('"v2"');
    expect(res.text).not.toMatch(/whsec_|ciphertext/);
    expect((await stored(made.id)).secret).toEqual(before.secret);

    const read = await api.call('GET', `/v1/webhooks/${made.id}`, { key });
    expect(read.json).toEqual(res.json);
    expect(read.headers.get('etag')).toBe('"v2"');

    const cleared = await patch(made.id, { description: null });
    expect(cleared.json.description).toBeUndefined();
  });

  it('refuses what creation refuses, naming the field, and writes nothing', async () => {
    const made = await subscribe();
    const paths = async (body: unknown) => {
      const res = await patch(made.id, body);
      expect(res.status, res.text).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return res.json.errors.map((e: { path: string }) => e.path);
    };
    expect(await paths({ events: ['invoice.printed'] })).toEqual(['events.0']);
    expect(await paths({ events: [] })).toEqual(['events']);
    expect(await paths({ secret: 'mine' })).toHaveLength(1);
    expect(await paths({})).toHaveLength(1);
    delete process.env[WEBHOOKS_ALLOW_LOCAL_ENV];
    expect(await paths({ url: 'http://erp.talleres.example/hooks' })).toEqual(['url']);
    expect(await paths({ url: 'https://127.0.0.1/hooks' })).toEqual(['url']);
    const after = await api.call('GET', `/v1/webhooks/${made.id}`, { key });
    expect(after.json.url).toBe('https://erp.talleres.example/hooks');
    expect(after.headers.get('etag')).toBe('"v1"');
  });

  it('answers 412 to a stale If-Match, and 404 for another tenant’s or a deleted one', async () => {
    const made = await subscribe();
    expect((await patch(made.id, { description: 'uno' }, { ifMatch: '"v1"' })).status).toBe(200);
    const stale = await patch(made.id, { description: 'dos' }, { ifMatch: '"v1"' });
    expect(stale.status).toBe(412);
    const { key: other } = await createTenant();
    expect((await patch(made.id, { description: 'ajeno' }, { key: other })).status).toBe(404);
    await api.call('DELETE', `/v1/webhooks/${made.id}`, { key });
    expect((await patch(made.id, { description: 'tarde' })).status).toBe(404);
  });

  it('is for owners and admins: 403 for a technician or read-only member', async () => {
    const { key: own, tenantId: ownId } = await createTenant();
    const made = await subscribe(own);
    for (const role of ['technician', 'readOnly'] as const) {
      const { accessToken } = await signIn(api, (await aMember(ownId, role)).email);
      const res = await patch(made.id, { description: role }, { key: accessToken });
      expect(res.status, role).toBe(403);
      const rotate = await api.call('POST', `/v1/webhooks/${made.id}/rotate-secret`, {
        key: accessToken,
      });
      expect(rotate.status, role).toBe(403);
    }
    const read = await api.call('GET', `/v1/webhooks/${made.id}`, { key: own });
    expect(read.json.description).toBe('ERP');
  });
});

describe('POST /v1/webhooks/{id}/rotate-secret', () => {
  it('shows a new secret once, sealed at rest, and the old one no longer opens', async () => {
    const made = await subscribe();
    const res = await api.call('POST', `/v1/webhooks/${made.id}/rotate-secret`, { key });
    expect(res.status, res.text).toBe(200);
    expect(res.json).toMatchObject({ id: made.id, url: 'https://erp.talleres.example/hooks' });
    expect(res.json.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(res.json.secret).not.toBe(made.secret);
    const item = await stored(made.id);
    expect(JSON.stringify(item)).not.toContain(res.json.secret);
    await expect(
      webhookSecretBox().open(item.secret, webhookSecretContext({ tenantId, id: made.id })),
    ).resolves.toBe(res.json.secret);
    const read = await api.call('GET', `/v1/webhooks/${made.id}`, { key });
    expect(read.text).not.toContain(res.json.secret);
    const { key: other } = await createTenant();
    expect(
      (await api.call('POST', `/v1/webhooks/${made.id}/rotate-secret`, { key: other })).status,
    ).toBe(404);
  });
});
