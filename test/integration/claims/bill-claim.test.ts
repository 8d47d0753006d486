import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';

/** POST /v1/claims/{id}/invoices through the API on DynamoDB Local: the franchise split's drafts. */
const api = await startApi();
const dir = mkdtempSync(join(tmpdir(), 'sello-claim-drafts-'));
let key: string;
let insurer: string;
let insured: string;
let centre: string;

const IVA21 = [{ type: 'IVA', rate: '21' }];

beforeAll(async () => {
  ({ key } = await createTenant('Talleres Chapa y Pintura, S.L.'));
  const customer = async (body: Record<string, unknown>) =>
    (await api.call('POST', '/v1/customers', { key, body: aCustomer(body) })).json.id as string;
  insurer = await customer({ taxId: 'A58818501', name: 'Seguros Mediterráneo, S.A.' });
  insured = await customer({ taxId: '12345678Z', name: 'Ana García Pérez', language: 'en' });
  const series = await api.call('POST', '/v1/series', {
    key,
    body: { code: 'TV', kind: 'standard', prefix: 'TV' },
  });
  expect(series.status, series.text).toBe(201);
  const made = await api.call('POST', '/v1/centres', {
    key,
    body: {
      name: 'Taller Valencia',
      address: {
        line1: 'Avinguda del Port 12',
        city: 'València',
        postalCode: '46023',
        country: 'ES',
      },
      series: 'TV',
    },
  });
  expect(made.status, made.text).toBe(201);
  centre = made.json.id;
});

let claims = 0;
async function openClaim(options: { centreId?: string } = {}) {
  const res = await api.call('POST', '/v1/claims', {
    key,
    body: {
      claimNumber: `SIN-BILL-${++claims}`,
      insurerId: insurer,
      insuredId: insured,
      policyNumber: 'POL-778899',
      vehicle: { plate: '1234BCD' },
      ...options,
    },
  });
  expect(res.status, res.text).toBe(201);
  return res.json.id as string;
}

async function value(
  id: string,
  version: number,
  { net = '1020.30', franchise = '300.00', taxes = IVA21 as unknown[] } = {},
) {
  const res = await api.call('POST', `/v1/claims/${id}/valuations`, {
    key,
    body: {
      version,
      lines: [{ kind: 'part', description: 'Paragolpes delantero', quantity: '1', unitPrice: net }],
      franchise,
      taxes,
    },
  });
  expect(res.status, res.text).toBe(201);
}

const bill = (id: string) => api.call('POST', `/v1/claims/${id}/invoices`, { key });

describe('POST /v1/claims/{id}/invoices', () => {
  it("drafts the insurer's 934.56 and the insured's 300.00, naming the claim, at the claim's centre", async () => {
    const id = await openClaim({ centreId: centre });
    await value(id, 1);
    const res = await bill(id);
    expect(res.status, res.text).toBe(201);
    const { insurer: a, insured: b } = res.json;
    expect(a).toMatchObject({ status: 'draft', customerId: insurer, series: 'TV' });
    expect(b).toMatchObject({ status: 'draft', customerId: insured, series: 'TV' });
    expect(a.totals.total).toBe('934.56');
    expect(b.totals.total).toBe('300.00');
    expect(a.centre).toMatchObject({ id: centre, name: 'Taller Valencia' });
    expect(b.centre).toMatchObject({ id: centre, name: 'Taller Valencia' });
    const claim = { claimId: id, policyNumber: 'POL-778899', plate: '1234BCD' };
    expect(a.claim).toEqual({ ...claim, claimNumber: 'SIN-BILL-1', billedTo: 'insurer' });
    expect(b.claim).toEqual({ ...claim, claimNumber: 'SIN-BILL-1', billedTo: 'insured' });
    // The insurer's deduction moved a cent off the insured's base, so the sum is exact.
    expect(a.lines.at(-1)).toMatchObject({ quantity: '-1', unitPrice: '247.94' });
    expect(b.lines).toMatchObject([{ quantity: '1', unitPrice: '247.93' }]);
    // Each line in its customer's language.
    expect(a.lines.at(-1).description).toBe(
      'Franquicia a cargo del asegurado (siniestro SIN-BILL-1)',
    );
    expect(b.lines[0].description).toBe(
      'Franchise of claim SIN-BILL-1, policy POL-778899, vehicle 1234BCD',
    );
    const stored = (await api.call('GET', `/v1/claims/${id}`, { key })).json;
    expect(stored.invoices).toEqual({ insurer: a.id, insured: b.id, valuationVersion: 1 });

    // Previewed as any draft: its PDF shows the claim block.
    const pdf = await fetch(`${api.base}/v1/invoices/${a.id}/documents/pdf`, {
      headers: { authorization: `Bearer ${key}` },
    });
    expect(pdf.status).toBe(200);
    writeFileSync(join(dir, 'draft.pdf'), Buffer.from(await pdf.arrayBuffer()));
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'draft.pdf'), '-'], {
      encoding: 'utf8',
    }).stdout;
    expect(text).toContain('SIN-BILL-1');
    expect(text).toContain('934,56 €');
  });

  it('answers the same drafts when asked again, and one pair when asked five times at once', async () => {
    const id = await openClaim();
    await value(id, 1);
    const answers = await Promise.all(Array.from({ length: 5 }, () => bill(id)));
    for (const res of answers) expect([200, 201], res.text).toContain(res.status);
    const pairs = new Set(answers.map((r) => `${r.json.insurer.id}|${r.json.insured.id}`));
    expect(pairs.size).toBe(1);
    const again = await bill(id);
    expect(again.status).toBe(200);
    expect(`${again.json.insurer.id}|${again.json.insured.id}`).toBe([...pairs][0]);
    const drafts = (
      await api.call('GET', `/v1/invoices?customerId=${insured}&status=draft&limit=100`, { key })
    ).json.items.filter((i: { claim?: { claimId: string } }) => i.claim?.claimId === id);
    expect(drafts).toHaveLength(1);
  });

  it("answers a draft as staff corrected it, not the split's again", async () => {
    const id = await openClaim();
    await value(id, 1);
    const { insurer: a } = (await bill(id)).json;
    const patch = await api.call('PATCH', `/v1/invoices/${a.id}`, {
      key,
      body: { notes: 'Reparación autorizada por el perito' },
    });
    expect(patch.status, patch.text).toBe(200);
    expect((await bill(id)).json.insurer.notes).toBe('Reparación autorizada por el perito');
  });

  it('replaces the drafts of an older valuation, and refuses once they are issued', async () => {
    const id = await openClaim();
    await value(id, 1);
    const first = (await bill(id)).json;
    await value(id, 2, { net: '1100.00' });
    const second = await bill(id);
    expect(second.status).toBe(201);
    expect(second.json.insurer.id).not.toBe(first.insurer.id);
    expect(second.json.insurer.totals.total).toBe('1031.00');
    for (const old of [first.insurer, first.insured]) {
      expect((await api.call('GET', `/v1/invoices/${old.id}`, { key })).status).toBe(404);
    }
    const issued = await api.call('POST', `/v1/claims/${id}/invoices/issue`, { key });
    expect(issued.status, issued.text).toBe(200);
    await value(id, 3, { net: '1200.00' });
    const refused = await bill(id);
    expect(refused.status).toBe(409);
    expect(refused.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'insurer',
      'insured',
    ]);
  });

  it('makes one invoice when there is no franchise', async () => {
    const id = await openClaim();
    await value(id, 1, { franchise: '0' });
    const res = await bill(id);
    expect(res.status).toBe(201);
    expect(res.json.insured).toBeUndefined();
    expect(res.json.insurer.totals.total).toBe('1234.56');
    expect(res.json.insurer.lines).toHaveLength(1);
    const issued = await api.call('POST', `/v1/claims/${id}/invoices/issue`, { key });
    expect(issued.status, issued.text).toBe(200);
    expect(issued.json.insured).toBeUndefined();
  });

  it('bills the insured the whole and the insurer nothing when the franchise is the total', async () => {
    const id = await openClaim();
    await value(id, 1, { franchise: '1234.56' });
    const { insurer: a, insured: b } = (await bill(id)).json;
    expect(a.totals.total).toBe('0.00');
    expect(b.totals.total).toBe('1234.56');
  });

  it('refuses a valuation of two rates (IVA with recargo) naming taxes, and writes nothing', async () => {
    const id = await openClaim();
    await value(id, 1, { taxes: [...IVA21, { type: 'RE', rate: '5.2' }] });
    const res = await bill(id);
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual(['taxes']);
    expect((await api.call('GET', `/v1/claims/${id}`, { key })).json.invoices).toBeUndefined();
  });

  it('is a 409 without a valuation and a 404 for an unknown claim', async () => {
    expect((await bill(await openClaim())).status).toBe(409);
    expect((await bill('clm_01kanosuchclaim0000000000')).status).toBe(404);
  });
});
