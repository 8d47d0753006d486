import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../ports/events.ts';
import type { SealedSecret } from '../ports/secrets.ts';
import { attemptWebhookDeliveries, deliverDueWebhooks } from './deliver.ts';
import type {
  WebhookDelivery,
  WebhookDeliveryRepository,
  WebhookSubscription,
  WebhookTransport,
} from './model.ts';
import { enqueueWebhookDeliveries, webhookDeliveryId } from './publish.ts';

/** In-memory stand-ins with the repositories' semantics (conditional enqueue, claim, settle). */
function memory() {
  const items = new Map<string, WebhookDelivery & { leaseToken?: string }>();
  const subs: WebhookSubscription[] = [];
  const deliveries: WebhookDeliveryRepository & { lose: Set<string> } = {
    lose: new Set(),
    async enqueue(d) {
      if (items.has(d.id)) return false;
      items.set(d.id, structuredClone(d));
      return true;
    },
    async get(_t, id) {
      return items.get(id);
    },
    async listOfSubscription() {
      return { items: [] };
    },
    async due(now) {
      return [...items.values()]
        .filter((d) => d.status === 'pending' && d.nextAttemptAt! <= now)
        .map((d) => ({ tenantId: d.tenantId, id: d.id }));
    },
    async claim(ref, lease) {
      const d = items.get(ref.id);
      if (d?.status !== 'pending' || d.nextAttemptAt! > lease.now) return undefined;
      Object.assign(d, { leaseToken: lease.token, nextAttemptAt: lease.until });
      const { leaseToken: _t, ...claimed } = d;
      return structuredClone(claimed);
    },
    async settle(d, token) {
      if (deliveries.lose.has(d.id) || items.get(d.id)?.leaseToken !== token) return false;
      items.set(d.id, structuredClone(d));
      return true;
    },
  };
  const subscriptions = {
    async get(tenantId: string, id: string) {
      return subs.find((s) => s.tenantId === tenantId && s.id === id);
    },
    async all(tenantId: string) {
      return subs.filter((s) => s.tenantId === tenantId);
    },
  };
  return { items, subs, deliveries, subscriptions };
}

const sealed = { v: 1, keyId: 'k', encryptedKey: '', iv: '', tag: '', ciphertext: 'x' };
const sub = (tenantId: string, id: string, events: WebhookSubscription['events']) => ({
  id,
  tenantId,
  url: `https://${id}.example.org/hook`,
  events,
  secret: sealed as SealedSecret,
  createdAt: '2031-01-01T00:00:00.000Z',
});
const event = (tenantId: string, n: number): DomainEvent => ({
  id: `invoice.issued:inv_${n}`,
  type: 'invoice.issued',
  tenantId,
  occurredAt: '2031-01-01T00:00:00.000Z',
  data: { n },
});
const clock = { now: () => new Date('2031-01-01T00:00:00.000Z') };
let tokens = 0;
const ids = { next: (p: string) => `${p}_${++tokens}` };
const answering = (statusCode: number): WebhookTransport & { urls: string[] } => {
  const urls: string[] = [];
  return {
    urls,
    async post({ url }) {
      urls.push(url);
      return { statusCode, durationMs: 3 };
    },
  };
};

describe('enqueueWebhookDeliveries', () => {
  it("fans each event out to its own tenant's listening subscriptions only", async () => {
    const m = memory();
    m.subs.push(sub('t1', 'a', ['invoice.issued']), sub('t1', 'b', ['import.completed']));
    m.subs.push(sub('t2', 'c', ['invoice.issued']));
    const enqueue = enqueueWebhookDeliveries({ ...m, clock });
    const refs = await enqueue([event('t1', 1), event('t2', 2), event('t1', 3)]);
    expect(refs).toEqual([
      { tenantId: 't1', id: webhookDeliveryId('a', 'invoice.issued:inv_1') },
      { tenantId: 't1', id: webhookDeliveryId('a', 'invoice.issued:inv_3') },
      { tenantId: 't2', id: webhookDeliveryId('c', 'invoice.issued:inv_2') },
    ]);
    expect(await enqueue([event('t1', 1)])).toEqual([]);
    expect(m.items.get(refs[0]!.id)!.body).toBe(
      '{"id":"invoice.issued:inv_1","type":"invoice.issued","occurredAt":"2031-01-01T00:00:00.000Z","tenantId":"t1","data":{"n":1}}',
    );
  });

  it('derives delivery ids from subscription and event alone', () => {
    expect(webhookDeliveryId('a', 'e')).toBe(webhookDeliveryId('a', 'e'));
    expect(webhookDeliveryId('a', 'e')).not.toBe(webhookDeliveryId('b', 'e'));
    expect(webhookDeliveryId('a', 'e')).toMatch(/^whd_[0-9a-f]{32}$/);
  });
});

describe('attempting deliveries', () => {
  const setup = async (secretFails = false) => {
    const m = memory();
    m.subs.push(sub('t1', 'a', ['invoice.issued']));
    const [ref] = await enqueueWebhookDeliveries({ ...m, clock })([event('t1', 1)]);
    let opened = 0;
    const secrets = {
      async open() {
        opened++;
        if (secretFails) throw new Error('KMS throttled');
        return 'whsec_test';
      },
    };
    return { m, ref: ref!, secrets, opened: () => opened };
  };

  it('counts a secret that will not open as a failed attempt, retried later', async () => {
    const { m, ref, secrets } = await setup(true);
    const transport = answering(200);
    const summary = await attemptWebhookDeliveries({ ...m, secrets, transport, clock, ids })([ref]);
    expect(summary).toMatchObject({ retrying: 1, faults: [] });
    expect(transport.urls).toEqual([]);
    expect(m.items.get(ref.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'Sello could not sign the request',
    });
  });

  it('reports a lost lease as a fault and skips what is not due', async () => {
    const { m, ref, secrets } = await setup();
    m.deliveries.lose.add(ref.id);
    const deps = { ...m, secrets, transport: answering(200), clock, ids };
    const summary = await attemptWebhookDeliveries(deps)([ref]);
    expect(summary.faults).toEqual([
      { id: ref.id, message: 'The lease ran out before the outcome was saved' },
    ]);
    // The lease still holds it: a run now finds nothing due and claims nothing.
    expect(await deliverDueWebhooks(deps)()).toMatchObject({ due: 0, skipped: 0 });
    expect(await attemptWebhookDeliveries(deps)([ref])).toMatchObject({ skipped: 1 });
  });

  it('opens each secret once per run and stops claiming when asked to', async () => {
    const { m, secrets, opened } = await setup();
    await enqueueWebhookDeliveries({ ...m, clock })([event('t1', 2), event('t1', 3)]);
    const transport = answering(204);
    const deps = { ...m, secrets, transport, clock, ids, concurrency: 1 };
    let calls = 0;
    const summary = await deliverDueWebhooks(deps)({ shouldStop: () => ++calls > 2 });
    expect(summary).toMatchObject({ due: 3, delivered: 2, skipped: 1 });
    expect(opened()).toBe(1);
    expect(transport.urls).toEqual(['https://a.example.org/hook', 'https://a.example.org/hook']);
  });
});
