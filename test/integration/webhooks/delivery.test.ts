import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { repositories } from '@sello/app/platform';
import { WEBHOOKS_ALLOW_LOCAL_ENV, webhookSecretBox, webhookTransport } from '@sello/app/webhooks';
import { NodeWebhookTransport } from '@sello/aws';
import { triggered } from '@sello/contracts';
import { type DomainEvent, systemClock, ulidIds } from '@sello/core/ports';
import {
  attemptWebhookDeliveries,
  deliverDueWebhooks,
  PRODUCTION_URL_POLICY,
  verifyWebhookSignature,
  webhookDeliveryId,
  webhookPublisher,
  webhookSignature,
} from '@sello/core/webhooks';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../../packages/local/src/apigw.ts';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';

/**
 * Publishing and delivery end to end: subscriptions made through the local API, events published
 * with `webhookPublisher`, deliveries POSTed by the real transport to receivers on 127.0.0.1.
 * The clock is ours: it starts in 2031 and only moves forward, so the real-clock run at the end
 * never sees these deliveries, and retries are minutes apart without waiting minutes.
 */
process.env[WEBHOOKS_ALLOW_LOCAL_ENV] = 'true';
const api = await startApi();

let now = Date.parse('2031-03-03T09:00:00.000Z');
const clock = { now: () => new Date(now) };
const advance = (ms: number) => {
  now += ms;
};
const MINUTE = 60_000;

const { webhookSubscriptions: subscriptions, webhookDeliveries: deliveries } = repositories();
const deliverDeps = {
  deliveries,
  subscriptions,
  secrets: webhookSecretBox(),
  transport: webhookTransport(),
  clock,
  ids: ulidIds,
  random: () => 0, // no jitter: exact retry times
};
const publisher = webhookPublisher({ subscriptions, deliveries, clock });
const sweep = () => deliverDueWebhooks(deliverDeps)();

interface Received {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** A receiver on 127.0.0.1 answering the given statuses in turn (the last one from then on). */
async function receiver(statuses: number[] = [200]) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      received.push({ method: req.method!, headers: req.headers, body });
      const status = statuses[Math.min(received.length, statuses.length) - 1]!;
      res.writeHead(status, { 'content-type': 'text/plain' }).end(`status ${status}`);
    });
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  afterAll(
    () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  );
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sello/hooks`;
  return { url, received };
}

// A tenant per test: every subscription of a tenant hears its events, so tests stay apart.
let key: string;
let tenantId: string;
let tenantCounter = 0;

beforeEach(async () => {
  ({ key, tenantId } = await createTenant(`Webhook deliveries ${++tenantCounter}`));
});

const subscribe = async (url: string, events: string[], apiKey = key) => {
  const res = await api.call('POST', '/v1/webhooks', { key: apiKey, body: { url, events } });
  expect(res.status, res.text).toBe(201);
  return res.json as { id: string; secret: string };
};
const deliveryLog = async (id: string, query = '') => {
  const res = await api.call('GET', `/v1/webhooks/${id}/deliveries${query}`, { key });
  expect(res.status, res.text).toBe(200);
  return res.json;
};

let eventCounter = 0;
const anEvent = (overrides: Partial<DomainEvent> = {}): DomainEvent => ({
  id: `invoice.status_changed:inv_test${++eventCounter}`,
  type: 'invoice.status_changed',
  tenantId,
  occurredAt: clock.now().toISOString(),
  data: { invoiceId: `inv_test${eventCounter}`, status: 'paid' },
  ...overrides,
});

describe('publishing invoice.issued', () => {
  it('delivers the event signed with the subscription secret', async () => {
    const erp = await receiver();
    const sub = await subscribe(erp.url, ['invoice.issued']);
    const customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json
      .id;
    const draft = (
      await api.call('POST', '/v1/invoices', { key, body: { customerId, lines: acceptanceLines } })
    ).json;
    const invoice = (await api.call('POST', `/v1/invoices/${draft.id}/issue`, { key })).json;
    const event: DomainEvent = {
      id: `invoice.issued:${invoice.id}`,
      type: 'invoice.issued',
      tenantId,
      occurredAt: clock.now().toISOString(),
      data: { invoice },
    };

    await publisher.publish([event]);
    const summary = await sweep();

    expect(summary).toMatchObject({ delivered: 1, retrying: 0, failed: 0, faults: [] });
    expect(erp.received).toHaveLength(1);
    const [request] = erp.received;
    expect(request!.method).toBe('POST');
    expect(JSON.parse(request!.body)).toEqual({
      id: event.id,
      type: 'invoice.issued',
      occurredAt: event.occurredAt,
      tenantId,
      data: { invoice },
    });
    const deliveryId = webhookDeliveryId(sub.id, event.id);
    expect(request!.headers).toMatchObject({
      'content-type': 'application/json',
      'sello-event': 'invoice.issued',
      'sello-delivery': deliveryId,
    });
    // Recompute the HMAC as an ERP would: t from the header, the raw body, the secret we got.
    const t = Math.floor(now / 1000);
    const signature = request!.headers['sello-signature'] as string;
    expect(signature).toBe(`t=${t},v1=${webhookSignature(sub.secret, t, request!.body)}`);
    expect(verifyWebhookSignature(signature, request!.body, sub.secret, { now: clock.now() })).toBe(
      true,
    );

    const log = await deliveryLog(sub.id);
    expect(log.items).toEqual([
      {
        id: deliveryId,
        subscriptionId: sub.id,
        eventId: event.id,
        eventType: 'invoice.issued',
        status: 'delivered',
        attempts: 1,
        lastAttemptAt: clock.now().toISOString(),
        lastStatusCode: 200,
        deliveredAt: clock.now().toISOString(),
        history: [
          {
            attempt: 1,
            at: clock.now().toISOString(),
            durationMs: expect.any(Number),
            statusCode: 200,
          },
        ],
        createdAt: clock.now().toISOString(),
      },
    ]);
  });

  it('retries a 500 with backoff: three attempts, then delivered', async () => {
    const erp = await receiver([500, 500, 200]);
    const sub = await subscribe(erp.url, ['invoice.status_changed']);
    const event = anEvent();
    await publisher.publish([event]);
    const t0 = now;
    const iso = (ms: number) => new Date(ms).toISOString();

    expect(await sweep()).toMatchObject({ retrying: 1, delivered: 0 });
    // Not due yet, 59 s later: nothing is sent.
    advance(59_000);
    expect(await sweep()).toMatchObject({ due: 0 });
    expect(erp.received).toHaveLength(1);
    advance(1_000);
    expect(await sweep()).toMatchObject({ retrying: 1 });
    const t1 = now;
    advance(5 * MINUTE);
    expect(await sweep()).toMatchObject({ delivered: 1 });
    const t2 = now;

    expect(erp.received).toHaveLength(3);
    // The same delivery id and body each time; a fresh signature per attempt.
    expect(new Set(erp.received.map((r) => r.headers['sello-delivery'])).size).toBe(1);
    expect(new Set(erp.received.map((r) => r.body)).size).toBe(1);
    const [entry] = (await deliveryLog(sub.id)).items;
    expect(entry).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 200,
      deliveredAt: iso(t2),
    });
    expect(entry.lastError).toBeUndefined();
    expect(entry.nextAttemptAt).toBeUndefined();
    expect(
      entry.history.map(({ durationMs: _d, ...rest }: { durationMs: number }) => rest),
    ).toEqual([
      {
        attempt: 1,
        at: iso(t0),
        statusCode: 500,
        error: 'The receiver answered HTTP 500',
        nextAttemptAt: iso(t0 + MINUTE),
      },
      {
        attempt: 2,
        at: iso(t1),
        statusCode: 500,
        error: 'The receiver answered HTTP 500',
        nextAttemptAt: iso(t1 + 5 * MINUTE),
      },
      { attempt: 3, at: iso(t2), statusCode: 200 },
    ]);
  });

  it('shows a pending retry in the log while it waits', async () => {
    const erp = await receiver([503]);
    const sub = await subscribe(erp.url, ['invoice.status_changed']);
    await publisher.publish([anEvent()]);
    await sweep();
    const [entry] = (await deliveryLog(sub.id)).items;
    expect(entry).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastStatusCode: 503,
      lastError: 'The receiver answered HTTP 503',
      nextAttemptAt: new Date(now + MINUTE).toISOString(),
    });
    await api.call('DELETE', `/v1/webhooks/${sub.id}`, { key });
  });

  it('gives up after eight attempts, about 45 hours later', async () => {
    const erp = await receiver([500]);
    const sub = await subscribe(erp.url, ['invoice.status_changed']);
    await publisher.publish([anEvent()]);
    const t0 = now;
    const waits = [1, 5, 30, 120, 360, 720, 1440].map((m) => m * MINUTE);
    await sweep();
    for (const wait of waits) {
      advance(wait);
      await sweep();
    }
    expect(erp.received).toHaveLength(8);
    advance(7 * 24 * 60 * MINUTE);
    expect((await sweep()).due).toBe(0);
    expect(erp.received).toHaveLength(8);
    const [entry] = (await deliveryLog(sub.id)).items;
    expect(entry).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 500 });
    expect(entry.nextAttemptAt).toBeUndefined();
    expect(entry.history).toHaveLength(8);
    expect(entry.history[7].nextAttemptAt).toBeUndefined();
    expect(Date.parse(entry.history[7].at) - t0).toBe(2_676 * MINUTE); // 44.6 h
  });

  it('enqueues an event published twice once, and delivers it once', async () => {
    const erp = await receiver();
    const sub = await subscribe(erp.url, ['invoice.status_changed']);
    const event = anEvent();
    await publisher.publish([event]);
    await publisher.publish([event, event]);
    await sweep();
    await publisher.publish([event]); // after delivery, too
    await sweep();
    expect(erp.received).toHaveLength(1);
    expect((await deliveryLog(sub.id)).items).toHaveLength(1);
  });

  it('sends nothing to a subscription not listening to the type', async () => {
    const imports = await receiver();
    const issued = await receiver();
    const importsSub = await subscribe(imports.url, ['import.completed']);
    await subscribe(issued.url, ['invoice.status_changed']);
    await publisher.publish([anEvent()]);
    await sweep();
    expect(imports.received).toHaveLength(0);
    expect(issued.received).toHaveLength(1);
    expect((await deliveryLog(importsSub.id)).items).toEqual([]);
  });

  it("sends nothing to another tenant's subscriptions", async () => {
    const theirs = await receiver();
    const other = await createTenant('Other webhook tenant');
    await subscribe(theirs.url, ['invoice.status_changed'], other.key);
    await publisher.publish([anEvent()]);
    await sweep();
    expect(theirs.received).toHaveLength(0);
  });

  it('stops delivering once the subscription is deleted', async () => {
    const erp = await receiver([500]);
    const sub = await subscribe(erp.url, ['invoice.status_changed']);
    const pendingEvent = anEvent();
    await publisher.publish([pendingEvent]);
    await sweep();
    expect(erp.received).toHaveLength(1);

    expect((await api.call('DELETE', `/v1/webhooks/${sub.id}`, { key })).status).toBe(204);
    await publisher.publish([anEvent()]);
    advance(10 * MINUTE);
    await sweep();
    expect(erp.received).toHaveLength(1);
    const pending = await deliveries.get(tenantId, webhookDeliveryId(sub.id, pendingEvent.id));
    expect(pending).toMatchObject({
      status: 'cancelled',
      attempts: 1,
      lastError: 'The subscription was deleted',
    });
    expect(pending!.nextAttemptAt).toBeUndefined();
  });

  it('never makes the same attempt twice at once, however many runs overlap', async () => {
    const erp = await receiver();
    const sub = await subscribe(erp.url, ['invoice.status_changed']);
    const events = [anEvent(), anEvent(), anEvent(), anEvent(), anEvent()];
    await publisher.publish(events);
    const runs = await Promise.all([sweep(), sweep(), sweep(), sweep()]);
    expect(runs.reduce((n, r) => n + r.delivered, 0)).toBe(5);
    expect(erp.received).toHaveLength(5);
    expect(new Set(erp.received.map((r) => r.headers['sello-delivery'])).size).toBe(5);

    // The log pages newest first.
    const first = await deliveryLog(sub.id, '?limit=3');
    expect(first.items).toHaveLength(3);
    const second = await deliveryLog(sub.id, `?limit=3&cursor=${first.nextCursor}`);
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeUndefined();
    const paged = [...first.items, ...second.items].map((d: { eventId: string }) => d.eventId);
    expect(new Set(paged)).toEqual(new Set(events.map((e) => e.id)));
  });

  it('logs a receiver that does not answer in time', async () => {
    const silent = createServer(() => {
      // Never answers.
    });
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/slow`;
    const sub = await subscribe(url, ['invoice.status_changed']);
    await publisher.publish([anEvent()]);
    await deliverDueWebhooks({ ...deliverDeps, timeoutMs: 300 })();
    silent.closeAllConnections();
    silent.close();
    const [entry] = (await deliveryLog(sub.id)).items;
    expect(entry).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'No answer within 300 ms',
    });
    expect(entry.lastStatusCode).toBeUndefined();
    expect(entry.history[0].durationMs).toBeGreaterThanOrEqual(299);
    await api.call('DELETE', `/v1/webhooks/${sub.id}`, { key });
  });
});

describe('delivering right after publishing', () => {
  it('attempts the new deliveries at once, without waiting for the scheduled run', async () => {
    const erp = await receiver();
    const sub = await subscribe(erp.url, ['invoice.status_changed']);
    const eager = webhookPublisher(
      { subscriptions, deliveries, clock },
      { deliverNow: attemptWebhookDeliveries(deliverDeps) },
    );
    const event = anEvent();
    await eager.publish([event]);
    expect(erp.received).toHaveLength(1);
    expect((await deliveryLog(sub.id)).items[0]).toMatchObject({
      eventId: event.id,
      status: 'delivered',
    });
    // Already delivered: the scheduled run has nothing more to do for it.
    await sweep();
    expect(erp.received).toHaveLength(1);
  });
});

describe('production mode at delivery time', () => {
  it('refuses to connect to loopback addresses, by literal or by name', async () => {
    const erp = await receiver();
    const port = new URL(erp.url).port;
    const transport = new NodeWebhookTransport(() => PRODUCTION_URL_POLICY);
    const post = (url: string) =>
      transport.post({ url, body: '{}', headers: {}, timeoutMs: 2_000 });
    expect(await post(`https://127.0.0.1:${port}/`)).toEqual({
      error: 'Refused: 127.0.0.1 is not a public address',
      durationMs: 0,
    });
    expect(await post(`http://127.0.0.1:${port}/`)).toEqual({
      error: 'Refused: only https URLs receive webhooks',
      durationMs: 0,
    });
    // A name is checked on every connection, whatever it resolved to when subscribed.
    expect(await post(`https://localhost:${port}/`)).toMatchObject({
      error: 'Refused: localhost resolves to 127.0.0.1, which is not a public address',
    });
    expect(erp.received).toHaveLength(0);
  });
});

describe('the scheduled function', () => {
  it('delivers what is due now, on the real clock', async () => {
    const erp = await receiver();
    await subscribe(erp.url, ['invoice.status_changed']);
    const live = webhookPublisher({ subscriptions, deliveries, clock: systemClock });
    await live.publish([anEvent({ occurredAt: new Date().toISOString() })]);
    const { handler } = await import('../../../functions/webhooks/deliver-webhooks.ts');
    const summary = await handler(
      { scheduledTime: new Date().toISOString() },
      lambdaContext(triggered.deliverWebhooks.id, 300),
    );
    expect(summary).toMatchObject({ due: 1, delivered: 1, faults: [] });
    expect(erp.received).toHaveLength(1);
  });
});
