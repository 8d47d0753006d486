import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/** Claim files through the API on DynamoDB Local: opened, listed, read, changed, closed. */
const api = await startApi();
let key: string;
let insurer: string;
let insured: string;
let centre: string;

const aClaim = (claimNumber: string, overrides: Record<string, unknown> = {}) => ({
  claimNumber,
  insurerId: insurer,
  insuredId: insured,
  policyNumber: 'POL-778899',
  vehicle: { plate: '1234-bcd', vin: '1hgcm82633a004352', make: 'Seat', model: 'León' },
  ...overrides,
});

const open = (body: unknown, as = key) => api.call('POST', '/v1/claims', { key: as, body });

const numbers = async (query = '') => {
  const out: string[] = [];
  let cursor: string | undefined;
  do {
    const res = await api.call(
      'GET',
      `/v1/claims?limit=2${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      { key },
    );
    expect(res.status, res.text).toBe(200);
    out.push(...res.json.items.map((c: { claimNumber: string }) => c.claimNumber));
    cursor = res.json.nextCursor;
  } while (cursor);
  return out;
};

beforeAll(async () => {
  ({ key } = await createTenant());
  insurer = (
    await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ taxId: 'A28007748', name: 'Mutua Aseguradora, S.A.' }),
    })
  ).json.id;
  insured = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
  centre = (
    await api.call('POST', '/v1/centres', {
      key,
      body: {
        name: 'Taller Norte',
        address: { line1: 'Calle Mayor 3', city: 'Valencia', postalCode: '46001', country: 'ES' },
      },
    })
  ).json.id;
});

describe('POST /v1/claims', () => {
  it('opens a claim (201) with the plate normalised and the VIN in capitals', async () => {
    const res = await open(aClaim('SIN-2026-0001', { centreId: centre, estimate: '1500.00' }));
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({
      claimNumber: 'SIN-2026-0001',
      insurerId: insurer,
      insuredId: insured,
      policyNumber: 'POL-778899',
      vehicle: { plate: '1234BCD', vin: '1HGCM82633A004352', make: 'Seat', model: 'León' },
      centreId: centre,
      estimate: '1500.00',
      status: 'open',
      version: 1,
    });
    expect(res.json.id).toMatch(/^clm_/);
    expect(res.headers.get('location')).toBe(`/v1/claims/${res.json.id}`);
    const read = await api.call('GET', `/v1/claims/${res.json.id}`, { key });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(res.json);
    expect(read.headers.get('etag')).toBe('"v1"');
  });

  it('refuses bad input with 400 naming each field, and writes nothing', async () => {
    const res = await open(
      aClaim('SIN-BAD-1', {
        insurerId: 'cus_nobody',
        insuredId: 'cus_nobody_either',
        centreId: 'ctr_nowhere',
        vehicle: { plate: '12 34 BCD', vin: 'IHGCM82633A00435O' },
      }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'centreId',
      'insuredId',
      'insurerId',
      'vehicle.vin',
    ]);
    const shape = await open({ ...aClaim('SIN-BAD-2'), vehicle: { plate: '' }, extra: 1 });
    expect(shape.status).toBe(400);
    expect(shape.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'extra',
      'vehicle.plate',
    ]);
    // A deleted customer is no insurer either.
    const gone = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
    await api.call('DELETE', `/v1/customers/${gone}`, { key });
    const deleted = await open(aClaim('SIN-BAD-3', { insuredId: gone }));
    expect(deleted.status).toBe(400);
    expect(deleted.json.errors).toEqual([{ path: 'insuredId', message: `No customer ${gone}` }]);
    expect(await numbers()).not.toEqual(
      expect.arrayContaining([expect.stringMatching(/^SIN-BAD/)]),
    );
  });

  it('keeps a claim number unique per insurer: 409 naming `claimNumber`, another insurer may reuse it', async () => {
    expect((await open(aClaim('SIN-DUP-1'))).status).toBe(201);
    const again = await open(aClaim(' sin-dup-1 ', { policyNumber: 'OTHER' }));
    expect(again.status).toBe(409);
    expect(again.json.errors).toEqual([
      { path: 'claimNumber', message: 'The insurer already has a claim with this number' },
    ]);
    const other = (
      await api.call('POST', '/v1/customers', {
        key,
        body: aCustomer({ taxId: 'A08001851', name: 'Otra Aseguradora, S.A.' }),
      })
    ).json.id;
    expect((await open(aClaim('SIN-DUP-1', { insurerId: other }))).status).toBe(201);
  });

  it('makes one claim of requests racing with the same number (the rest answer 409)', async () => {
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => open(aClaim('SIN-RACE-1', { policyNumber: `P-${i}` }))),
    );
    const statuses = results.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409]);
    expect((await numbers('&claimNumber=SIN-RACE-1')).length).toBe(1);
  });
});

describe('GET /v1/claims', () => {
  it('lists newest first, by status, insurer, plate and claim number, page by page', async () => {
    const t = await createTenant();
    const ins = (await api.call('POST', '/v1/customers', { key: t.key, body: aCustomer() })).json
      .id;
    const mk = (n: string, plate: string) =>
      open({ ...aClaim(n, { insurerId: ins, insuredId: ins }), vehicle: { plate } }, t.key);
    for (const [n, plate] of [
      ['L-1', '1111AAA'],
      ['L-2', '2222BBB'],
      ['L-3', '1111AAA'],
    ] as const) {
      expect((await mk(n, plate)).status).toBe(201);
    }
    const list = async (query: string) => {
      const res = await api.call('GET', `/v1/claims?limit=50${query}`, { key: t.key });
      expect(res.status, res.text).toBe(200);
      return res.json.items.map((c: { claimNumber: string }) => c.claimNumber);
    };
    expect(await list('')).toEqual(['L-3', 'L-2', 'L-1']);
    expect(await list('&plate=1111-aaa')).toEqual(['L-3', 'L-1']);
    expect(await list('&claimNumber=L-2')).toEqual(['L-2']);
    expect(await list(`&insurerId=${ins}&status=open`)).toEqual(['L-3', 'L-2', 'L-1']);
    expect(await list('&status=closed')).toEqual([]);
    const page = await api.call('GET', '/v1/claims?limit=2', { key: t.key });
    expect(page.json.items).toHaveLength(2);
    expect(page.json.nextCursor).toBeTruthy();
    const bad = await api.call('GET', '/v1/claims?status=lost', { key: t.key });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].path).toBe('query.status');
  });
});

describe('GET and PATCH /v1/claims/{id}', () => {
  it("answers 404 for another tenant's claim, to read and to change", async () => {
    const mine = (await open(aClaim('SIN-MINE-1'))).json.id;
    const other = await createTenant();
    expect((await api.call('GET', `/v1/claims/${mine}`, { key: other.key })).status).toBe(404);
    const patch = await api.call('PATCH', `/v1/claims/${mine}`, {
      key: other.key,
      body: { policyNumber: 'X' },
    });
    expect(patch.status).toBe(404);
    expect((await api.call('GET', `/v1/claims/${mine}`, { key })).json.policyNumber).toBe(
      'POL-778899',
    );
  });

  it('changes policy, vehicle, centre and estimate under If-Match, then closes it for good', async () => {
    const claim = (await open(aClaim('SIN-EDIT-1', { centreId: centre, estimate: '900' }))).json;
    const changed = await api.call('PATCH', `/v1/claims/${claim.id}`, {
      key,
      body: {
        policyNumber: 'POL-2',
        vehicle: { plate: 'm-1234-zz' },
        centreId: null,
        estimate: null,
      },
      headers: { 'if-match': '"v1"' },
    });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.json).toMatchObject({
      policyNumber: 'POL-2',
      vehicle: { plate: 'M1234ZZ' },
      version: 2,
    });
    expect(changed.json.centreId).toBeUndefined();
    expect(changed.json.estimate).toBeUndefined();

    const stale = await api.call('PATCH', `/v1/claims/${claim.id}`, {
      key,
      body: { policyNumber: 'POL-3' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);

    const badCentre = await api.call('PATCH', `/v1/claims/${claim.id}`, {
      key,
      body: { centreId: 'ctr_nowhere', vehicle: { plate: 'AB', vin: 'short' } },
    });
    expect(badCentre.status).toBe(400);
    expect(badCentre.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'centreId',
      'vehicle.vin',
    ]);
    const badStatus = await api.call('PATCH', `/v1/claims/${claim.id}`, {
      key,
      body: { status: 'invoiced' },
    });
    expect(badStatus.status).toBe(400);
    expect(badStatus.json.errors[0].path).toBe('status');

    const closed = await api.call('PATCH', `/v1/claims/${claim.id}`, {
      key,
      body: { status: 'closed' },
    });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ status: 'closed', version: 3 });
    const after = await api.call('PATCH', `/v1/claims/${claim.id}`, {
      key,
      body: { policyNumber: 'POL-4' },
    });
    expect(after.status).toBe(409);
    expect((await api.call('GET', `/v1/claims/${claim.id}`, { key })).json.policyNumber).toBe(
      'POL-2',
    );
  });
});
