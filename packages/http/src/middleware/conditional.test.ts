import { describe, expect, it } from 'vitest';
import { anEvent, aRequest } from '../../testing/fakes.ts';
import { conditionalRequests, contentEtag } from './conditional.ts';
import type { HttpResponse } from './types.ts';

const GET = { method: 'GET' } as never;
const POST = { method: 'POST' } as never;
const json = (headers: Record<string, string> = {}, statusCode = 200): HttpResponse => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  body: '{"id":"thg_1"}',
});

async function answer(route: never, response: HttpResponse, headers: Record<string, string> = {}) {
  const request = aRequest(anEvent({ headers }));
  const mw = conditionalRequests(route);
  await mw.before!(request);
  request.response = response;
  await mw.after!(request);
  return request.response;
}

describe('conditionalRequests', () => {
  it("gives a GET's 200 a weak ETag from its body, or keeps the handler's", async () => {
    const hashed = await answer(GET, json());
    expect(hashed.headers.etag).toBe(contentEtag('{"id":"thg_1"}'));
    expect(hashed.headers.etag).toMatch(/^W\/"[\w-]{27}"$/);
    expect((await answer(GET, json({ etag: '"v3"' }))).headers.etag).toBe('"v3"');
  });

  it.each([
    ['the same tag', '"v3"'],
    ['its weak form', 'W/"v3"'],
    ['one of a list', '"v1", "v3"'],
    ['a wildcard', '*'],
  ])('answers 304 without a body when If-None-Match names %s', async (_name, header) => {
    const response = await answer(GET, json({ etag: '"v3"' }), { 'if-none-match': header });
    expect(response).toEqual({ statusCode: 304, headers: { etag: '"v3"' }, body: '' });
  });

  it('leaves other tags, other statuses and other methods alone', async () => {
    expect(
      (await answer(GET, json({ etag: '"v3"' }), { 'if-none-match': '"v2"' })).statusCode,
    ).toBe(200);
    const notFound = await answer(GET, json({}, 404), { 'if-none-match': '*' });
    expect(notFound).toEqual(json({}, 404));
    const created = await answer(POST, json({}, 200), { 'if-none-match': '*' });
    expect(created).toEqual(json());
  });

  it('hands the If-Match version to the handler', async () => {
    const versionOf = async (headers: Record<string, string>) => {
      const request = aRequest(anEvent({ headers }));
      await conditionalRequests(POST).before!(request);
      return request.context.expectedVersion;
    };
    expect(await versionOf({ 'if-match': '"v12"' })).toBe(12);
    expect(await versionOf({ 'if-match': 'W/"abc"' })).toBe(-1);
    expect(await versionOf({})).toBeUndefined();
  });
});
