import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/** Valuations of claims through the API on DynamoDB Local: JSON and CSV, versions, changes. */
const api = await startApi();
let key: string;
let insurer: string;
let insured: string;

const csv = (name: string) =>
  readFileSync(join(import.meta.dirname, '../../fixtures/claims', name), 'utf8');

/** The content of test/fixtures/claims/valuation-v1.csv, as JSON. */
const v1 = {
  version: 1,
  lines: [
    {
      kind: 'part',
      description: 'Paragolpes delantero',
      quantity: '1',
      unitPrice: '245.50',
      reference: '7701474511',
      discountRate: '10',
    },
    {
      kind: 'labour',
      description: 'Desmontar y montar paragolpes',
      quantity: '1.5',
      unitPrice: '42.00',
      category: 'bodywork',
      reference: 'OP-1201',
    },
    {
      kind: 'paint',
      description: 'Pintar paragolpes, dos capas',
      quantity: '2.2',
      unitPrice: '45.00',
      category: 'paint',
      reference: 'OP-3100',
    },
    { kind: 'material', description: 'Materiales de pintura', quantity: '1', unitPrice: '86.40' },
  ],
  franchise: '300.00',
  taxes: [{ type: 'IVA', rate: '21' }],
};

// 220.95 + 63.00 + 99.00 + 86.40 = 469.35; IVA 21 % = 98.5635 → 98.56.
const v1Totals = {
  net: '469.35',
  tax: '98.56',
  total: '567.91',
  franchise: '300.00',
  insurer: '267.91',
};

const openClaim = async (number: string, as = key) => {
  const res = await api.call('POST', '/v1/claims', {
    key: as,
    body: {
      claimNumber: number,
      insurerId: insurer,
      insuredId: insured,
      policyNumber: 'POL-1',
      vehicle: { plate: '1234BCD' },
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
};

const importJson = (claimId: string, body: unknown, as = key) =>
  api.call('POST', `/v1/claims/${claimId}/valuations`, { key: as, body });

const importCsv = (claimId: string, text: string, query: string) =>
  api.call('POST', `/v1/claims/${claimId}/valuations?${query}`, {
    key,
    raw: text,
    headers: { 'content-type': 'text/csv; charset=utf-8' },
  });

const versions = async (claimId: string) =>
  (await api.call('GET', `/v1/claims/${claimId}/valuations`, { key })).json.items.map(
    (v: { version: number }) => v.version,
  );

beforeAll(async () => {
  ({ key } = await createTenant());
  insurer = (
    await api.call('POST', '/v1/customers', {
      key,
      body: aCustomer({ taxId: 'A28007748', name: 'Mutua Aseguradora, S.A.' }),
    })
  ).json.id;
  insured = (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id;
});

describe('POST /v1/claims/{id}/valuations', () => {
  it('imports version 1 as JSON (201): totals by the tax engine, the franchise split, the claim valued', async () => {
    const claimId = await openClaim('VAL-1');
    const res = await importJson(claimId, {
      ...v1,
      appraiser: { name: 'Peritaciones Levante', reference: 'PER-55' },
      date: '2026-12-01',
    });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/claims/${claimId}/valuations/1`);
    expect(res.json).toMatchObject({
      claimId,
      version: 1,
      source: 'json',
      currency: 'EUR',
      lines: v1.lines,
      franchise: '300.00',
      totals: v1Totals,
      appraiser: { name: 'Peritaciones Levante', reference: 'PER-55' },
      date: '2026-12-01',
    });
    expect(res.json.changes).toBeUndefined();
    const claim = (await api.call('GET', `/v1/claims/${claimId}`, { key })).json;
    expect(claim).toMatchObject({ status: 'valued', valuationVersion: 1, version: 2 });
    const read = await api.call('GET', `/v1/claims/${claimId}/valuations/1`, { key });
    expect(read.status).toBe(200);
    expect(read.json).toEqual(res.json);
  });

  it('is idempotent per version: the same content again answers 200 with the stored one; other content 409 naming `version`', async () => {
    const claimId = await openClaim('VAL-2');
    const first = await importJson(claimId, v1);
    expect(first.status).toBe(201);
    // Another field order and other forms of the same amounts are the same content.
    const { lines, ...rest } = v1;
    const same = await importJson(claimId, {
      taxes: rest.taxes,
      franchise: '300',
      version: 1,
      lines: lines.map((l, i) => ({ ...l, quantity: ['1.0', '1.50', '2.20', '1.000'][i]! })),
    });
    expect(same.status, same.text).toBe(200);
    expect(same.json).toEqual(first.json);

    const other = await importJson(claimId, { ...v1, franchise: '200.00' });
    expect(other.status).toBe(409);
    expect(other.json.errors).toEqual([
      { path: 'version', message: expect.stringContaining('other content') },
    ]);
    const skipped = await importJson(claimId, { ...v1, version: 3 });
    expect(skipped.status).toBe(409);
    expect(skipped.json.errors).toEqual([
      { path: 'version', message: 'The next version of this valuation is 2' },
    ]);
    expect(await versions(claimId)).toEqual([1]);
  });

  it('imports the sample CSV with the same content, hash and totals as its JSON', async () => {
    const json = (await importJson(await openClaim('VAL-3a'), v1)).json;
    const claimId = await openClaim('VAL-3b');
    const res = await importCsv(
      claimId,
      csv('valuation-v1.csv'),
      'version=1&franchise=300.00&taxRate=21',
    );
    expect(res.status, res.text).toBe(201);
    expect(res.json).toMatchObject({ source: 'csv', lines: v1.lines, totals: v1Totals });
    expect(res.json.contentHash).toBe(json.contentHash);
    // The same file again is the same version; the JSON of it too.
    const again = await importCsv(
      claimId,
      csv('valuation-v1.csv'),
      'version=1&franchise=300&taxRate=21',
    );
    expect(again.status).toBe(200);
    expect((await importJson(claimId, v1)).status).toBe(200);
  });

  it('carries what changed in a new version: lines added, removed, changed, totals and franchise before and after', async () => {
    const claimId = await openClaim('VAL-4');
    expect((await importJson(claimId, v1)).status).toBe(201);
    const res = await importCsv(
      claimId,
      csv('valuation-v2-es.csv'),
      'version=2&franchise=250&taxRate=21&appraiser=Peritaciones%20Levante',
    );
    expect(res.status, res.text).toBe(201);
    // 233.91 + 63 + 99 + 37.50 = 433.41; IVA 91.0161 → 91.02.
    const after = {
      net: '433.41',
      tax: '91.02',
      total: '524.43',
      franchise: '250.00',
      insurer: '274.43',
    };
    expect(res.json.totals).toEqual(after);
    expect(res.json.changes).toEqual({
      previousVersion: 1,
      added: [
        {
          kind: 'part',
          description: 'Soporte paragolpes',
          quantity: '2',
          unitPrice: '18.75',
          reference: '7701475522',
        },
      ],
      removed: [v1.lines[3]],
      changed: [{ before: v1.lines[0], after: { ...v1.lines[0], unitPrice: '259.90' } }],
      totals: { before: v1Totals, after },
      franchise: { before: '300.00', after: '250' },
    });
    expect(await versions(claimId)).toEqual([1, 2]);
    const first = await api.call('GET', `/v1/claims/${claimId}/valuations?limit=1`, { key });
    expect(first.json.items.map((v: { version: number }) => v.version)).toEqual([1]);
    const second = await api.call(
      'GET',
      `/v1/claims/${claimId}/valuations?limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`,
      { key },
    );
    expect(second.json.items).toEqual([res.json]);
    const claim = (await api.call('GET', `/v1/claims/${claimId}`, { key })).json;
    expect(claim).toMatchObject({ status: 'valued', valuationVersion: 2 });
  });

  it('refuses bad valuations with 400 naming each field, and writes nothing', async () => {
    const claimId = await openClaim('VAL-5');
    const over = await importJson(claimId, { ...v1, franchise: '567.92' });
    expect(over.status).toBe(400);
    expect(over.json.errors).toEqual([
      { path: 'franchise', message: "At most the valuation's total, 567.91" },
    ]);
    const lines = await importJson(claimId, {
      ...v1,
      lines: [v1.lines[0], { ...v1.lines[1], quantity: 'one' }, { ...v1.lines[2], kind: 'glass' }],
      taxes: [{ type: 'IVA', rate: '22' }],
    });
    expect(lines.status).toBe(400);
    expect(lines.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'lines.1.quantity',
      'lines.2.kind',
    ]);
    const rate = await importJson(claimId, { ...v1, taxes: [{ type: 'IVA', rate: '22' }] });
    expect(rate.status).toBe(400);
    expect(rate.json.errors[0].path).toBe('taxes.0.rate');
    const negative = await importJson(claimId, { ...v1, franchise: '-1.00' });
    expect(negative.status).toBe(400);
    expect(negative.json.errors[0].path).toBe('franchise');

    const noQuery = await importCsv(claimId, csv('valuation-v1.csv'), 'taxRate=21');
    expect(noQuery.status).toBe(400);
    expect(noQuery.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'query.version',
      'query.franchise',
    ]);
    const badRow = await importCsv(
      claimId,
      'kind,description,quantity,unitPrice\npart,Faro,1,80\nlabour,Horas,x,40\n',
      'version=1&franchise=0&taxRate=21',
    );
    expect(badRow.status).toBe(400);
    expect(badRow.json.errors.map((e: { path: string }) => e.path)).toEqual(['lines.1.quantity']);
    const badHeader = await importCsv(
      claimId,
      'kind,descripcion\npart,x\n',
      'version=1&franchise=0&taxRate=21',
    );
    expect(badHeader.status).toBe(400);
    expect(badHeader.json.errors[0].path).toBe('csv.header.1');
    const plain = await api.call('POST', `/v1/claims/${claimId}/valuations`, {
      key,
      raw: 'hello',
      headers: { 'content-type': 'text/plain' },
    });
    expect(plain.status).toBe(415);

    expect(await versions(claimId)).toEqual([]);
    expect((await api.call('GET', `/v1/claims/${claimId}`, { key })).json).toMatchObject({
      status: 'open',
      version: 1,
    });
  });

  it('makes one version of imports racing: the same content answers 200, other content 409', async () => {
    const claimId = await openClaim('VAL-6');
    const same = await Promise.all(Array.from({ length: 5 }, () => importJson(claimId, v1)));
    expect(same.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 201]);
    expect(new Set(same.map((r) => r.json.contentHash)).size).toBe(1);

    const rivals = await Promise.all(
      ['100', '110', '120', '130'].map((franchise) =>
        importJson(claimId, { ...v1, version: 2, franchise }),
      ),
    );
    expect(rivals.map((r) => r.status).sort()).toEqual([201, 409, 409, 409]);
    expect(await versions(claimId)).toEqual([1, 2]);
    const claim = (await api.call('GET', `/v1/claims/${claimId}`, { key })).json;
    expect(claim).toMatchObject({ valuationVersion: 2, version: 3 });
  });

  it("answers 404 for another tenant's claim and a version that is not there; 409 on a closed claim", async () => {
    const claimId = await openClaim('VAL-7');
    const other = await createTenant();
    expect((await importJson(claimId, v1, other.key)).status).toBe(404);
    expect(
      (await api.call('GET', `/v1/claims/${claimId}/valuations`, { key: other.key })).status,
    ).toBe(404);
    expect((await api.call('GET', `/v1/claims/${claimId}/valuations/1`, { key })).status).toBe(404);
    await api.call('PATCH', `/v1/claims/${claimId}`, { key, body: { status: 'closed' } });
    const closed = await importJson(claimId, v1);
    expect(closed.status).toBe(409);
    expect(await versions(claimId)).toEqual([]);
  });
});
