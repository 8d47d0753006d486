import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { artifactStore } from '@sello/app/documents';
import { repositories } from '@sello/app/platform';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';
import { aMember, signIn } from '../../support/staff.ts';

/** The tenant's logo through the local API, stored in the local S3 (s3rver). */
const api = await startApi();
const fixtures = join(import.meta.dirname, '../../fixtures/branding');
const PNG = readFileSync(join(fixtures, 'logo.png'));
const JPEG = readFileSync(join(fixtures, 'logo.jpg'));
const dir = mkdtempSync(join(tmpdir(), 'sello-logo-'));
let key: string;
let tenantId: string;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Logos SL'));
});

const put = async (
  body: Uint8Array | string,
  type: string,
  options: { key?: string; ifMatch?: string } = {},
) => {
  const res = await fetch(`${api.base}/v1/settings/logo`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${options.key ?? key}`,
      'content-type': type,
      ...(options.ifMatch ? { 'if-match': options.ifMatch } : {}),
    },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : {} };
};
const getLogo = async (apiKey = key) => {
  const res = await fetch(`${api.base}/v1/settings/logo`, {
    headers: { authorization: `Bearer ${apiKey}` },
  });
  return {
    status: res.status,
    type: res.headers.get('content-type'),
    bytes: Buffer.from(await res.arrayBuffer()),
  };
};
/** A PNG signature and IHDR of the given size: enough for the size checks, which read no pixels. */
const pngHeader = (width: number, height: number) => {
  const b = Buffer.alloc(64);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 0);
  b.write('IHDR', 12, 'latin1');
  b.writeUInt32BE(width, 16);
  b.writeUInt32BE(height, 20);
  return b;
};

describe('PUT /v1/settings/logo', () => {
  it('stores a PNG under the tenant, says so in the settings and serves it back', async () => {
    const res = await put(PNG, 'image/png');
    expect(res.status, res.text).toBe(200);
    expect(res.json.branding.logo).toEqual({
      contentType: 'image/png',
      width: 360,
      height: 120,
      size: PNG.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      uploadedAt: expect.any(String),
    });
    expect(res.text).not.toContain('tenants/');
    expect(res.headers.get('etag')).toBe(`"v${res.json.version}"`);

    const settings = await api.call('GET', '/v1/settings', { key });
    expect(settings.json.branding.logo).toEqual(res.json.branding.logo);

    const stored = (await repositories().settings.get(tenantId))!.branding!.logo!;
    expect(stored.key).toBe(`tenants/${tenantId}/branding/logo-${stored.sha256}.png`);
    expect(Buffer.from((await artifactStore().get(stored.key))!)).toEqual(PNG);

    const image = await getLogo();
    expect(image.status).toBe(200);
    expect(image.type).toBe('image/png');
    expect(image.bytes).toEqual(PNG);
  });

  it('takes a JPEG, and draws the logo at the head of the invoice PDF', async () => {
    const { key: own } = await createTenant('Talleres del Logo SL');
    const res = await put(JPEG, 'image/jpeg', { key: own });
    expect(res.status, res.text).toBe(200);
    expect(res.json.branding.logo).toMatchObject({ contentType: 'image/jpeg', width: 360 });

    const customerId = (await api.call('POST', '/v1/customers', { key: own, body: aCustomer() }))
      .json.id;
    const draft = (
      await api.call('POST', '/v1/invoices', {
        key: own,
        body: { customerId, lines: acceptanceLines },
      })
    ).json;
    const pdf = await fetch(`${api.base}/v1/invoices/${draft.id}/documents/pdf`, {
      headers: { authorization: `Bearer ${own}` },
    });
    expect(pdf.status).toBe(200);
    const file = join(dir, 'with-logo.pdf');
    writeFileSync(file, Buffer.from(await pdf.arrayBuffer()));
    const images = spawnSync('pdfimages', ['-list', file], { encoding: 'utf8' }).stdout;
    // page 1, a 360 × 120 JPEG (DCT) image
    expect(images).toMatch(/^\s*1\s+\d+\s+image\s+360\s+120\s+rgb\s+3\s+8\s+jpeg/m);
  });

  it('refuses what is not a small PNG or JPEG, naming what is wrong, and changes nothing', async () => {
    const { key: own, tenantId: ownId } = await createTenant();
    expect((await put(PNG, 'image/png', { key: own })).status).toBe(200);
    const before = await repositories().settings.get(ownId);
    const refused = async (body: Uint8Array | string, type: string, status = 400) => {
      const res = await put(body, type, { key: own });
      expect(res.status, res.text).toBe(status);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return res.json.errors.map((e: { path: string }) => e.path);
    };
    expect(await refused('not an image at all', 'image/png')).toEqual(['body']);
    expect(await refused(PNG, 'image/jpeg')).toEqual(['content-type']);
    expect(await refused(PNG, 'image/gif', 415)).toEqual(['content-type']);
    expect(await refused(Buffer.alloc(0), 'image/png')).toEqual(['body']);
    expect(await refused(pngHeader(8, 8), 'image/png')).toEqual(['body']);
    expect(await refused(pngHeader(5000, 100), 'image/png')).toEqual(['body']);
    expect(await refused(pngHeader(2500, 2500), 'image/png')).toEqual(['body']);
    const big = Buffer.concat([PNG, Buffer.alloc(512 * 1024)]);
    expect(await refused(big, 'image/png', 413)).toEqual(['body']);
    expect(await repositories().settings.get(ownId)).toEqual(before);
  });

  it('answers 412 to a stale If-Match, 403 to a technician, and 404 for the logo of nobody', async () => {
    const { key: own, tenantId: ownId } = await createTenant();
    const first = await put(PNG, 'image/png', { key: own, ifMatch: '"v0"' });
    expect(first.status, first.text).toBe(200);
    expect((await put(JPEG, 'image/jpeg', { key: own, ifMatch: '"v0"' })).status).toBe(412);
    const { accessToken } = await signIn(api, (await aMember(ownId, 'technician')).email);
    expect((await put(JPEG, 'image/jpeg', { key: accessToken })).status).toBe(403);
    // The technician may look at it; another tenant, which has none, may not see this one.
    expect((await getLogo(accessToken)).status).toBe(200);
    const { key: other } = await createTenant();
    expect((await getLogo(other)).status).toBe(404);
    expect((await getLogo(own)).type).toBe('image/png');
  });
});

describe('DELETE /v1/settings/logo', () => {
  it('stops naming the logo, keeps the rest of the branding, and is a no-op when none is set', async () => {
    const { key: own } = await createTenant();
    await api.call('PATCH', '/v1/settings', {
      key: own,
      body: { branding: { accentColor: '#0a7d5a' } },
    });
    const set = await put(PNG, 'image/png', { key: own });
    const res = await api.call('DELETE', '/v1/settings/logo', { key: own });
    expect(res.status, res.text).toBe(200);
    expect(res.json.branding).toEqual({ accentColor: '#0a7d5a' });
    expect(res.json.version).toBe(set.json.version + 1);
    expect((await getLogo(own)).status).toBe(404);
    const again = await api.call('DELETE', '/v1/settings/logo', { key: own });
    expect(again.json.version).toBe(res.json.version);
  });
});
