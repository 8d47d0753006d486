import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { acceptanceLines } from '../../support/invoices.ts';
import { aMember, anOwner, signIn } from '../../support/staff.ts';

/** Work centres through the API: their own series and address, their staff, their invoices. */
const api = await startApi();
const dir = mkdtempSync(join(tmpdir(), 'sello-centres-'));
let key: string;
let tenantId: string;
let customerId: string;

const north = {
  name: 'Taller Valencia Norte',
  address: { line1: 'Avenida del Puerto 8', city: 'Valencia', postalCode: '46023', country: 'ES' },
};
const south = {
  name: 'Taller Alicante',
  address: { line1: 'Calle San Vicente 40', city: 'Alicante', postalCode: '03004', country: 'ES' },
};

const newCentre = async (body: unknown, as = key) => {
  const res = await api.call('POST', '/v1/centres', { key: as, body });
  expect(res.status, res.text).toBe(201);
  return res.json;
};

const draft = (body: Record<string, unknown>, as = key) =>
  api.call('POST', '/v1/invoices', {
    key: as,
    body: { customerId, lines: acceptanceLines, ...body },
  });

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Talleres Núñez, S.L.'));
  customerId = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  // The first draft makes the default series F, which stays the tenant's default after VN.
  expect((await draft({})).json.series).toBe('F');
  const series = await api.call('POST', '/v1/series', {
    key,
    body: { code: 'VN', kind: 'standard', prefix: 'VN-', yearlyReset: false, padding: 4 },
  });
  expect(series.status, series.text).toBe(201);
});

describe('/v1/centres', () => {
  it('creates, reads, lists and changes centres under If-Match', async () => {
    const created = await newCentre({ ...north, series: 'VN' });
    expect(created).toMatchObject({ ...north, series: 'VN', version: 1 });
    expect(created.id).toMatch(/^ctr_/);
    const read = await api.call('GET', `/v1/centres/${created.id}`, { key });
    expect(read.json).toEqual(created);
    expect(read.headers.get('etag')).toBe('"v1"');

    const changed = await api.call('PATCH', `/v1/centres/${created.id}`, {
      key,
      body: { name: 'Taller Valencia', series: null },
      headers: { 'if-match': '"v1"' },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({
      name: 'Taller Valencia',
      address: north.address,
      version: 2,
    });
    expect(changed.json.series).toBeUndefined();
    const stale = await api.call('PATCH', `/v1/centres/${created.id}`, {
      key,
      body: { name: 'X' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);

    const t = await createTenant();
    const a = await newCentre(north, t.key);
    const b = await newCentre(south, t.key);
    const list = await api.call('GET', '/v1/centres?limit=1', { key: t.key });
    expect(list.json.items).toEqual([a]);
    const next = await api.call('GET', `/v1/centres?cursor=${list.json.nextCursor}`, {
      key: t.key,
    });
    expect(next.json.items).toEqual([b]);
  });

  it('refuses bad input with 400 naming each field (an unknown or corrective series too), writing nothing', async () => {
    const t = await createTenant();
    const unknown = await api.call('POST', '/v1/centres', {
      key: t.key,
      body: { ...north, series: 'ZZ' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.json.errors).toEqual([{ path: 'series', message: 'No series ZZ' }]);
    const corrective = await api.call('POST', '/v1/centres', {
      key: t.key,
      body: { ...north, series: 'R' },
    });
    expect(corrective.status).toBe(400);
    expect(corrective.json.errors[0].path).toBe('series');
    const shape = await api.call('POST', '/v1/centres', {
      key: t.key,
      body: { name: '', address: { ...north.address, country: 'Spain' } },
    });
    expect(shape.status).toBe(400);
    expect(shape.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'address.country',
      'name',
    ]);
    expect((await api.call('GET', '/v1/centres', { key: t.key })).json.items).toEqual([]);
    const mine = await newCentre(north, t.key);
    const patch = await api.call('PATCH', `/v1/centres/${mine.id}`, {
      key: t.key,
      body: { series: 'ZZ' },
    });
    expect(patch.status).toBe(400);
    expect((await api.call('GET', `/v1/centres/${mine.id}`, { key: t.key })).json.version).toBe(1);
  });

  it("answers 404 for another tenant's centre", async () => {
    const mine = await newCentre(north);
    const other = await createTenant();
    expect((await api.call('GET', `/v1/centres/${mine.id}`, { key: other.key })).status).toBe(404);
    const patch = await api.call('PATCH', `/v1/centres/${mine.id}`, {
      key: other.key,
      body: { name: 'Mine now' },
    });
    expect(patch.status).toBe(404);
  });
});

describe('staff of centres', () => {
  it("sets a member's centres through PATCH /v1/users/{id}, each one of the tenant's (400 naming centreIds.N)", async () => {
    const a = await newCentre(north);
    const b = await newCentre(south);
    const member = await aMember(tenantId, 'accountant');
    const set = await api.call('PATCH', `/v1/users/${member.userId}`, {
      key,
      body: { centreIds: [a.id, b.id] },
    });
    expect(set.status, set.text).toBe(200);
    expect(set.json).toMatchObject({ role: 'accountant', centreIds: [a.id, b.id] });

    const foreign = await newCentre(north, (await createTenant()).key);
    const bad = await api.call('PATCH', `/v1/users/${member.userId}`, {
      key,
      body: { centreIds: [a.id, foreign.id, 'ctr_nowhere'] },
    });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([
      { path: 'centreIds.1', message: `No centre ${foreign.id}` },
      { path: 'centreIds.2', message: 'No centre ctr_nowhere' },
    ]);
    const users = (await api.call('GET', '/v1/users?limit=200', { key })).json.items;
    expect(users.find((u: { id: string }) => u.id === member.userId).centreIds).toEqual([
      a.id,
      b.id,
    ]);

    const cleared = await api.call('PATCH', `/v1/users/${member.userId}`, {
      key,
      body: { centreIds: [] },
    });
    expect(cleared.status).toBe(200);
    expect(cleared.json.centreIds).toBeUndefined();
    const empty = await api.call('PATCH', `/v1/users/${member.userId}`, { key, body: {} });
    expect(empty.status).toBe(400);
  });
});

describe('invoices of centres', () => {
  it("carries the centre named, numbers in the centre's series unless the draft names one, and prints the centre", async () => {
    const centre = await newCentre({ ...north, series: 'VN' });
    const made = await draft({ centreId: centre.id });
    expect(made.status, made.text).toBe(201);
    expect(made.json).toMatchObject({
      series: 'VN',
      centre: { id: centre.id, name: north.name, address: north.address },
    });
    const named = await draft({ centreId: centre.id, series: 'F' });
    expect(named.json.series).toBe('F');

    const issued = await api.call('POST', `/v1/invoices/${made.json.id}/issue`, { key });
    expect(issued.status, issued.text).toBe(200);
    expect(issued.json.number).toMatch(/^VN-\d{4}$/);
    const pdf = await fetch(`${api.base}/v1/invoices/${made.json.id}/documents/pdf`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(pdf.status).toBe(200);
    writeFileSync(join(dir, 'centre.pdf'), Buffer.from(await pdf.arrayBuffer()));
    const text = spawnSync('pdftotext', ['-layout', join(dir, 'centre.pdf'), '-'], {
      encoding: 'utf8',
    }).stdout;
    expect(text).toContain(`Centro: ${north.name}`);
    expect(text).toContain('Avenida del Puerto 8');
    expect(text).toContain('46023 Valencia');
  });

  it('moves a draft to another centre (and its series) or to none by PATCH; an unknown centre is a 400 naming centreId', async () => {
    const plain = await newCentre(south);
    const numbered = await newCentre({ ...north, series: 'VN' });
    const made = (await draft({ centreId: plain.id })).json;
    expect(made.series).toBe('F');
    const moved = await api.call('PATCH', `/v1/invoices/${made.id}`, {
      key,
      body: { centreId: numbered.id },
    });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.json).toMatchObject({ series: 'VN', centre: { id: numbered.id } });
    const none = await api.call('PATCH', `/v1/invoices/${made.id}`, {
      key,
      body: { centreId: null },
    });
    expect(none.status).toBe(200);
    expect(none.json.centre).toBeUndefined();

    const bad = await draft({ centreId: 'ctr_nowhere' });
    expect(bad.status).toBe(400);
    expect(bad.json.errors).toEqual([{ path: 'centreId', message: 'No centre ctr_nowhere' }]);
    const badPatch = await api.call('PATCH', `/v1/invoices/${made.id}`, {
      key,
      body: { centreId: 'ctr_nowhere' },
    });
    expect(badPatch.status).toBe(400);
    expect((await api.call('GET', `/v1/invoices/${made.id}`, { key })).json.version).toBe(3);
  });

  it("gives a signed-in member's draft its only centre; a member of two centres, or an API key, names it", async () => {
    const owner = await anOwner(tenantId);
    const token = (await signIn(api, owner.email)).accessToken;
    const a = await newCentre({ ...north, series: 'VN' });
    const b = await newCentre(south);
    const one = await api.call('PATCH', `/v1/users/${owner.userId}`, {
      key,
      body: { centreIds: [a.id] },
    });
    expect(one.status, one.text).toBe(200);
    const mine = await draft({}, token);
    expect(mine.status, mine.text).toBe(201);
    expect(mine.json).toMatchObject({ series: 'VN', centre: { id: a.id } });
    const chosen = await draft({ centreId: b.id }, token);
    expect(chosen.json.centre.id).toBe(b.id);
    expect((await draft({})).json.centre).toBeUndefined();

    await api.call('PATCH', `/v1/users/${owner.userId}`, {
      key,
      body: { centreIds: [a.id, b.id] },
    });
    const two = await draft({}, await signIn(api, owner.email).then((s) => s.accessToken));
    expect(two.json.centre).toBeUndefined();
    expect(two.json.series).toBe('F');
  });
});
