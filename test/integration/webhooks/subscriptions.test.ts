import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient, tableName } from '@sello/app/platform';
import { WEBHOOKS_ALLOW_LOCAL_ENV, webhookSecretBox } from '@sello/app/webhooks';
import { keys } from '@sello/aws';
import { MAX_WEBHOOKS_PER_TENANT, webhookSecretContext } from '@sello/core/webhooks';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';

/** Subscriptions through the local API: create, read, delete, the URL guard and the secret. */
const api = await startApi();
let key: string;
let tenantId: string;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Webhook subscriptions'));
});

/** Local mode unless a test switches to production mode (the policy is read per request). */
process.env[WEBHOOKS_ALLOW_LOCAL_ENV] = 'true';
afterEach(() => {
  process.env[WEBHOOKS_ALLOW_LOCAL_ENV] = 'true';
});
const productionMode = () => {
  delete process.env[WEBHOOKS_ALLOW_LOCAL_ENV];
};

const subscribe = (body: Record<string, unknown>, apiKey = key) =>
  api.call('POST', '/v1/webhooks', { key: apiKey, body });
const listAll = async (apiKey = key) =>
  (await api.call('GET', '/v1/webhooks?limit=200', { key: apiKey })).json.items as Array<{
    id: string;
  }>;

describe('POST /v1/webhooks', () => {
  it('subscribes and shows the signing secret once, stored sealed', async () => {
    const res = await subscribe({
      url: 'https://erp.talleres.example/sello/webhooks',
      events: ['invoice.issued', 'invoice.status_changed', 'invoice.issued'],
      description: 'ERP production',
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      id: expect.stringMatching(/^whk_[0-9a-z]{26}$/),
      url: 'https://erp.talleres.example/sello/webhooks',
      events: ['invoice.issued', 'invoice.status_changed'],
      description: 'ERP production',
      createdAt: expect.any(String),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9_-]{43}$/),
    });
    expect(res.headers.get('location')).toBe(`/v1/webhooks/${res.json.id}`);

    // At rest: sealed (no plaintext anywhere in the item), and only under this subscription.
    const { Item } = await documentClient().send(
      new GetCommand({ TableName: tableName(), Key: keys.webhook(tenantId, res.json.id) }),
    );
    expect(JSON.stringify(Item)).not.toContain(res.json.secret);
    expect(Item!.secret).toMatchObject({ v: 1, ciphertext: expect.any(String) });
    const context = webhookSecretContext({ tenantId, id: res.json.id });
    await expect(webhookSecretBox().open(Item!.secret, context)).resolves.toBe(res.json.secret);
    await expect(
      webhookSecretBox().open(Item!.secret, { ...context, subscriptionId: 'whk_other' }),
    ).rejects.toThrow('could not be opened');
  });

  it('never shows the secret again, in any GET', async () => {
    const made = (
      await subscribe({ url: 'https://erp.talleres.example/hooks', events: ['invoice.issued'] })
    ).json;
    const reads = [
      await api.call('GET', '/v1/webhooks', { key }),
      await api.call('GET', `/v1/webhooks/${made.id}`, { key }),
      await api.call('GET', `/v1/webhooks/${made.id}/deliveries`, { key }),
    ];
    for (const read of reads) {
      expect(read.status).toBe(200);
      expect(read.text).not.toContain(made.secret);
      expect(read.text).not.toMatch(/whsec_|ciphertext|encryptedKey/);
    }
    const { secret: _secret, ...view } = made;
    expect(reads[1]!.json).toEqual(view);
    expect(reads[0]!.json.items).toContainEqual(view);
  });

  it('refuses an unknown event type, no events, unknown fields and a missing url', async () => {
    const before = (await listAll()).length;
    const unknown = await subscribe({
      url: 'https://erp.example.org/h',
      events: ['invoice.issued', 'invoice.exploded'],
    });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toContain('application/problem+json');
    expect(unknown.json.errors.map((e: { path: string }) => e.path)).toEqual(['events.1']);

    const none = await subscribe({ url: 'https://erp.example.org/h', events: [] });
    expect(none.json.errors.map((e: { path: string }) => e.path)).toEqual(['events']);
    const extra = await subscribe({
      url: 'https://erp.example.org/h',
      events: ['invoice.issued'],
      secret: 'mine',
    });
    expect(extra.status).toBe(400);
    const noUrl = await subscribe({ events: ['invoice.issued'] });
    expect(noUrl.json.errors.map((e: { path: string }) => e.path)).toEqual(['url']);
    expect((await listAll()).length).toBe(before);
  });

  it('in production mode refuses http and non-public addresses, writing nothing', async () => {
    const before = (await listAll()).length;
    productionMode();
    const cases: Array<[string, string]> = [
      ['http://erp.example.org/hooks', 'Use an https URL'],
      ['http://127.0.0.1:8080/hooks', 'Use an https URL'],
      ['https://127.0.0.1/hooks', '127.0.0.1 is not a public address'],
      ['https://169.254.169.254/latest', '169.254.169.254 is not a public address'],
      ['https://[fd00:ec2::254]/', 'fd00:ec2::254 is not a public address'],
      ['https://localhost:8443/hooks', 'localhost is not a public host'],
      ['https://user:pw@erp.example.org/', 'Must not carry a user name or password'],
      ['erp.example.org/hooks', 'Not an absolute URL'],
    ];
    for (const [url, message] of cases) {
      const res = await subscribe({ url, events: ['invoice.issued'] });
      expect(res.status, url).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.json.errors, url).toEqual([{ path: 'url', message }]);
    }
    expect((await listAll()).length).toBe(before);
  });

  it('in local mode accepts http to loopback only', async () => {
    const local = await subscribe({ url: 'http://127.0.0.1:9/h', events: ['invoice.issued'] });
    expect(local.status).toBe(201);
    const lan = await subscribe({ url: 'http://192.168.1.20/h', events: ['invoice.issued'] });
    expect(lan.status).toBe(400);
    expect(lan.json.errors).toEqual([{ path: 'url', message: 'Use an https URL' }]);
  });

  it(`allows ${MAX_WEBHOOKS_PER_TENANT} subscriptions per tenant, and one more after a delete`, async () => {
    const busy = await createTenant('Many webhooks');
    const ids: string[] = [];
    for (let i = 0; i < MAX_WEBHOOKS_PER_TENANT; i++) {
      const res = await subscribe(
        { url: `https://erp${i}.example.org/h`, events: ['invoice.issued'] },
        busy.key,
      );
      expect(res.status).toBe(201);
      ids.push(res.json.id);
    }
    const over = await subscribe(
      { url: 'https://one-more.example.org/h', events: ['invoice.issued'] },
      busy.key,
    );
    expect(over.status).toBe(409);
    expect(over.json.detail).toBe(
      `A tenant may have at most ${MAX_WEBHOOKS_PER_TENANT} webhook subscriptions; delete one first`,
    );
    expect((await listAll(busy.key)).length).toBe(MAX_WEBHOOKS_PER_TENANT);

    expect((await api.call('DELETE', `/v1/webhooks/${ids[0]}`, { key: busy.key })).status).toBe(
      204,
    );
    const again = await subscribe(
      { url: 'https://one-more.example.org/h', events: ['invoice.issued'] },
      busy.key,
    );
    expect(again.status).toBe(201);
  });
});

describe('GET, DELETE /v1/webhooks/{id} and the list', () => {
  it('lists oldest first in cursor pages', async () => {
    const paged = await createTenant('Paged webhooks');
    const made: string[] = [];
    for (const n of [1, 2, 3]) {
      made.push(
        (
          await subscribe(
            { url: `https://erp${n}.example.org/h`, events: ['import.completed'] },
            paged.key,
          )
        ).json.id,
      );
    }
    const first = await api.call('GET', '/v1/webhooks?limit=2', { key: paged.key });
    expect(first.json.items.map((w: { id: string }) => w.id)).toEqual(made.slice(0, 2));
    const second = await api.call('GET', `/v1/webhooks?limit=2&cursor=${first.json.nextCursor}`, {
      key: paged.key,
    });
    expect(second.json.items.map((w: { id: string }) => w.id)).toEqual(made.slice(2));
    expect(second.json.nextCursor).toBeUndefined();
    const forged = await api.call('GET', '/v1/webhooks?cursor=bm9wZQ', { key: paged.key });
    expect(forged.status).toBe(400);
    expect(forged.json.errors.map((e: { path: string }) => e.path)).toEqual(['cursor']);
  });

  it('deletes a subscription: gone from GET and the list, a second delete is 404', async () => {
    const made = (
      await subscribe({ url: 'https://erp.example.org/gone', events: ['invoice.issued'] })
    ).json;
    expect((await api.call('DELETE', `/v1/webhooks/${made.id}`, { key })).status).toBe(204);
    expect((await api.call('GET', `/v1/webhooks/${made.id}`, { key })).status).toBe(404);
    expect((await listAll()).map((w) => w.id)).not.toContain(made.id);
    const again = await api.call('DELETE', `/v1/webhooks/${made.id}`, { key });
    expect(again.status).toBe(404);
    expect(again.json.type).toBe('urn:sello:problem:not-found');
  });

  it("keeps tenants apart: another tenant's subscription is 404 everywhere", async () => {
    const mine = (
      await subscribe({ url: 'https://erp.example.org/mine', events: ['invoice.issued'] })
    ).json;
    const other = await createTenant('Other webhooks tenant');
    for (const [method, path] of [
      ['GET', `/v1/webhooks/${mine.id}`],
      ['GET', `/v1/webhooks/${mine.id}/deliveries`],
      ['DELETE', `/v1/webhooks/${mine.id}`],
    ] as const) {
      const res = await api.call(method, path, { key: other.key });
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect(await listAll(other.key)).toEqual([]);
    expect((await api.call('GET', `/v1/webhooks/${mine.id}`, { key })).status).toBe(200);
  });

  it('needs an API key', async () => {
    expect((await api.call('GET', '/v1/webhooks')).status).toBe(401);
  });
});
