import { setTimeout as sleep } from 'node:timers/promises';
import middy from '@middy/core';
import type { RouteDef } from '@sello/contracts';
import { describe, expect, it } from 'vitest';
import * as z from 'zod';
import { aContext, anEvent, MemoryIdempotencyStore } from '../../testing/fakes.ts';
import { fingerprint, idempotency } from './idempotency.ts';
import type { HttpContext, HttpInternal, HttpResponse } from './types.ts';

const route = {
  id: 'createThing',
  method: 'POST',
  request: { body: z.object({ name: z.string() }) },
} as unknown as RouteDef;

const created = (id: string): HttpResponse => ({
  statusCode: 201,
  headers: { location: `/v1/things/${id}`, 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ id }),
});

/** The middleware in a middy stack, after a stand-in for authentication and body parsing. */
function stack(
  store: MemoryIdempotencyStore,
  fn: () => Promise<HttpResponse>,
  options: { route?: RouteDef; owner?: string } = {},
) {
  let runs = 0;
  const handler = middy<unknown, HttpResponse, Error, HttpContext, HttpInternal>()
    .use({
      before: (request) => {
        request.internal.owner = options.owner ?? 'ten_1';
        const body = (request.event as { body?: string }).body;
        if ((options.route ?? route).request?.body && body) {
          request.internal.json = { value: JSON.parse(body) };
        }
      },
    })
    .use(idempotency(options.route ?? route, () => store))
    .handler(async () => {
      runs++;
      return fn();
    });
  const call = (headers: Record<string, string>, body = '{"name":"A"}', remainingMs = 10_000) =>
    handler(anEvent({ method: 'POST', headers, body }), aContext(remainingMs));
  return { call, runs: () => runs };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => expect.unreachable(),
    (e) => ({ code: e.code as string, errors: e.errors }),
  );

describe('idempotency', () => {
  it('runs once per key and replays the first outcome, marked, byte for byte', async () => {
    const store = new MemoryIdempotencyStore();
    let n = 0;
    const s = stack(store, async () => created(`thg_${++n}`));
    const first = await s.call({ 'idempotency-key': 'k1' });
    const again = await s.call({ 'idempotency-key': 'k1' });
    expect(first).toEqual(created('thg_1'));
    expect(again).toEqual({
      ...created('thg_1'),
      headers: { ...created('thg_1').headers, 'idempotent-replayed': 'true' },
    });
    expect(s.runs()).toBe(1);
  });

  it('keeps outcomes sealed under the client key, which is never stored', async () => {
    const store = new MemoryIdempotencyStore();
    await stack(store, async () => created('thg_secret')).call({ 'idempotency-key': 'k-secret' });
    const [itemKey, item] = [...store.items][0]!;
    expect(itemKey).toBe(`ten_1#createThing#${fingerprint('k-secret')}`);
    expect(item.outcome?.body).toMatch(/^sealed:v1:/);
    expect(item.outcome?.body).not.toContain('thg_secret');
    expect(JSON.stringify([...store.items])).not.toContain('k-secret');
  });

  it('does nothing without a key, nor on other methods (whatever the header holds)', async () => {
    const store = new MemoryIdempotencyStore();
    await stack(store, async () => created('thg_1')).call({});
    const put = { ...route, method: 'PUT' } as RouteDef;
    await stack(store, async () => created('thg_1'), { route: put }).call({
      'idempotency-key': ' not valid ',
    });
    expect(store.calls).toEqual([]);
  });

  it('refuses a malformed key with 400 naming the header', async () => {
    const s = stack(new MemoryIdempotencyStore(), async () => created('thg_1'));
    for (const key of ['', 'x'.repeat(256), 'a b', 'ñ']) {
      expect(await refusal(s.call({ 'idempotency-key': key }))).toEqual({
        code: 'validation-error',
        errors: [{ path: 'Idempotency-Key', message: 'Invalid header value' }],
      });
    }
    expect(s.runs()).toBe(0);
  });

  it('refuses the key reused with another body (422), the same JSON written otherwise replays', async () => {
    const store = new MemoryIdempotencyStore();
    const s = stack(store, async () => created('thg_1'));
    await s.call({ 'idempotency-key': 'k1' }, '{"name":"A"}');
    expect(
      (await s.call({ 'idempotency-key': 'k1' }, ' { "name" : "A" } ')).headers,
    ).toHaveProperty('idempotent-replayed');
    expect((await refusal(s.call({ 'idempotency-key': 'k1' }, '{"name":"B"}'))).code).toBe(
      'idempotency-key-reused',
    );
    expect(s.runs()).toBe(1);
  });

  it('fingerprints the raw body of routes without a body schema', async () => {
    const store = new MemoryIdempotencyStore();
    const raw = { ...route, request: {} } as RouteDef;
    const s = stack(store, async () => created('thg_1'), { route: raw });
    await s.call({ 'idempotency-key': 'k1' }, '<a/>');
    expect((await refusal(s.call({ 'idempotency-key': 'k1' }, '<b/>'))).code).toBe(
      'idempotency-key-reused',
    );
  });

  it('keeps keys apart per owner', async () => {
    const store = new MemoryIdempotencyStore();
    await stack(store, async () => created('thg_1'), { owner: 'ten_1' }).call({
      'idempotency-key': 'k1',
    });
    const other = stack(store, async () => created('thg_2'), { owner: 'recipient:rcp_1' });
    expect(await other.call({ 'idempotency-key': 'k1' })).toEqual(created('thg_2'));
  });

  it('lets go of the key when the handler fails or answers 5xx, so a retry runs again', async () => {
    const store = new MemoryIdempotencyStore();
    const failing = stack(store, async () => {
      throw new Error('boom');
    });
    await expect(failing.call({ 'idempotency-key': 'k1' })).rejects.toThrow('boom');
    const unavailable = stack(store, async () => ({ ...created('x'), statusCode: 503 }));
    expect((await unavailable.call({ 'idempotency-key': 'k1' })).statusCode).toBe(503);
    const working = stack(store, async () => created('thg_1'));
    expect(await working.call({ 'idempotency-key': 'k1' })).toEqual(created('thg_1'));
    const key = `ten_1#createThing#${fingerprint('k1')}`;
    expect(store.calls).toEqual([
      `claim ${key}`,
      `release ${key}`,
      `claim ${key}`,
      `release ${key}`,
      `claim ${key}`,
      `complete ${key}`,
    ]);
  });

  it('makes concurrent twins wait for the first outcome', async () => {
    const store = new MemoryIdempotencyStore();
    const s = stack(store, async () => {
      await sleep(150);
      return created('thg_1');
    });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => s.call({ 'idempotency-key': 'k1' })),
    );
    expect(s.runs()).toBe(1);
    expect(results.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(4);
  });

  it('answers 409 when the first is still running once the wait is over', async () => {
    const store = new MemoryIdempotencyStore();
    const slow = stack(store, async () => {
      await sleep(1500);
      return created('thg_1');
    });
    const first = slow.call({ 'idempotency-key': 'k1' });
    await sleep(20);
    // 1.3 s left: the twin waits 0.3 s (it keeps a second for itself).
    const twin = await refusal(slow.call({ 'idempotency-key': 'k1' }, undefined, 1300));
    expect(twin.code).toBe('idempotency-in-progress');
    await first;
  });

  it('runs a twin itself when the first failed and let go', async () => {
    const store = new MemoryIdempotencyStore();
    const first = stack(store, async () => {
      await sleep(150);
      throw new Error('boom');
    });
    const second = stack(store, async () => created('thg_2'));
    const [a, b] = await Promise.allSettled([
      first.call({ 'idempotency-key': 'k1' }),
      sleep(20).then(() => second.call({ 'idempotency-key': 'k1' })),
    ]);
    expect(a.status).toBe('rejected');
    expect(b).toEqual({ status: 'fulfilled', value: created('thg_2') });
  });

  it('does not release a claim whose outcome failed to be stored', async () => {
    const store = new MemoryIdempotencyStore();
    store.complete = async () => {
      throw new Error('throttled');
    };
    const s = stack(store, async () => created('thg_1'));
    await expect(s.call({ 'idempotency-key': 'k1' })).rejects.toThrow('throttled');
    expect(store.calls.filter((c) => c.startsWith('release'))).toEqual([]);
  });

  it("answers with the handler's own error when releasing the claim fails", async () => {
    const store = new MemoryIdempotencyStore();
    store.release = async () => {
      throw new Error('throttled');
    };
    const s = stack(store, async () => {
      throw new Error('boom');
    });
    await expect(s.call({ 'idempotency-key': 'k1' })).rejects.toThrow('boom');
  });
});
