import { defineRoute } from '@sello/contracts';
import { describe, expect, it } from 'vitest';
import { aContext, anEvent, credentialStores, MemoryIdempotencyStore } from '../testing/fakes.ts';
import { privateCookie, readCookie } from './cookies.ts';
import { createHttpHandler } from './http-handler.ts';
import { ok } from './responses.ts';

describe('cookies', () => {
  it('reads a cookie from the event (API Gateway v2 passes them in `cookies`)', () => {
    const event = anEvent({ cookies: ['theme=dark', 'sello_refresh=abc.def=', 'empty='] });
    expect(readCookie(event, 'sello_refresh')).toBe('abc.def=');
    expect(readCookie(event, 'empty')).toBeUndefined();
    expect(readCookie(event, 'missing')).toBeUndefined();
    expect(readCookie(anEvent(), 'sello_refresh')).toBeUndefined();
  });

  it('sets private cookies: HttpOnly, Secure, SameSite=Strict, on a path', () => {
    expect(privateCookie('sello_refresh', 'tok', '/v1/auth', 60)).toBe(
      'sello_refresh=tok; HttpOnly; Secure; SameSite=Strict; Path=/v1/auth; Max-Age=60',
    );
  });

  it("answers a handler's cookies in `cookies`, and never keeps them for an Idempotency-Key", async () => {
    const idempotency = new MemoryIdempotencyStore();
    const stores = credentialStores();
    const route = defineRoute({
      id: 'signInThing',
      method: 'POST',
      path: '/v1/auth/thing',
      entry: 'x',
      auth: 'public',
      access: [],
      summary: '',
      tag: '',
      responses: {},
    });
    let runs = 0;
    const handler = createHttpHandler(() => ({ ...stores, idempotency }))(route, async () => {
      runs++;
      return ok({ run: runs }, { cookies: [privateCookie('sello_refresh', `t${runs}`, '/', 9)] });
    });
    const call = () =>
      handler(
        anEvent({
          method: 'POST',
          headers: { 'idempotency-key': 'k-1' },
          rawPath: '/v1/auth/thing',
        }),
        aContext(),
      );
    const first = await call();
    expect(first.statusCode).toBe(200);
    expect(first.cookies).toEqual([
      'sello_refresh=t1; HttpOnly; Secure; SameSite=Strict; Path=/; Max-Age=9',
    ]);
    // Released, not stored: the same key runs again and gets credentials of its own.
    const second = await call();
    expect(JSON.parse(second.body!)).toEqual({ run: 2 });
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(idempotency.calls.filter((c) => c.startsWith('complete'))).toEqual([]);
  });
});
