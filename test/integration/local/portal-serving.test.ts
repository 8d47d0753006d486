import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { routeList } from '@sello/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiServer } from '../../../packages/local/src/api-server.ts';

/** A built portal as Vite lays it out: index.html, hashed assets, a public file. */
const dist = mkdtempSync(join(tmpdir(), 'sello-portal-dist-'));
const script = `console.log(${JSON.stringify('x'.repeat(2000))});`;
mkdirSync(join(dist, 'assets'));
writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
writeFileSync(join(dist, 'assets', 'index-AbC123.js'), script);
writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
writeFileSync(join(tmpdir(), 'sello-outside.txt'), 'outside');

const server = createApiServer({ routes: routeList, corsOrigins: [], portalDir: dist });
let base = '';
beforeAll(async () => {
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  rmSync(dist, { recursive: true, force: true });
});

describe('the portal on the API port', () => {
  it('answers index.html at / and at every path the portal routes, never cached stale', async () => {
    for (const path of ['/', '/customers', '/customers/cus_1?lang=ca']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(await res.text()).toContain('<div id="root">');
    }
  });

  it('serves hashed assets with their type, compressed, cached as immutable', async () => {
    // node:http, not fetch: fetch would decompress before the test sees the bytes sent.
    const res = await new Promise<IncomingMessage>((ok, fail) =>
      get(`${base}/assets/index-AbC123.js`, { headers: { 'accept-encoding': 'gzip' } }, ok).on(
        'error',
        fail,
      ),
    );
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers['content-encoding']).toBe('gzip');
    const body = Buffer.concat(await res.toArray());
    expect(body.length).toBeLessThan(script.length);
    expect(gunzipSync(body).toString()).toBe(script);
    expect((await fetch(`${base}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('revalidates by ETag, and answers HEAD without a body', async () => {
    const first = await fetch(`${base}/favicon.svg`);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const again = await fetch(`${base}/favicon.svg`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    const head = await fetch(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for a missing file, not the HTML in its place', async () => {
    for (const path of ['/assets/index-Old999.js', '/robots.txt']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).not.toContain('html');
    }
  });

  it('never serves a file outside its folder', async () => {
    for (const path of [
      '/../sello-outside.txt',
      '/%2e%2e/sello-outside.txt',
      '/..%2fsello-outside.txt',
    ]) {
      const res = await fetch(`${base}${path}`);
      expect(await res.text(), path).not.toBe('outside');
    }
  });

  it('leaves /v1 to the API, for every method, and other methods too', async () => {
    const health = await fetch(`${base}/v1/health`);
    expect(health.headers.get('content-type')).toContain('json');
    const unknown = await fetch(`${base}/v1/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(unknown.headers.get('content-type')).toContain('problem+json');
    const post = await fetch(`${base}/customers`, { method: 'POST', body: '{}' });
    expect(post.headers.get('content-type')).not.toContain('html');
  });
});
