import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTenant, startApi } from '../../support/api.ts';

/** `PATCH /v1/settings` `{selfInvoicing: …}`: the section, and the company number's uniqueness. */
const api = await startApi();
let key: string;
let other: string;
/** Company numbers are unique across every tenant the test database ever had: fresh ones. */
const number = () => `T${randomBytes(4).toString('hex').toUpperCase()}`;

const patch = (body: unknown, as = key, headers: Record<string, string> = {}) =>
  api.call('PATCH', '/v1/settings', { key: as, body, headers });

beforeAll(async () => {
  ({ key } = await createTenant('Autofactura SL'));
  ({ key: other } = await createTenant('Otra SL'));
});

describe('PATCH /v1/settings selfInvoicing', () => {
  it('sets the section up with its defaults, and merges later changes into it', async () => {
    const companyNumber = number();
    const first = await patch({ selfInvoicing: { companyNumber: companyNumber.toLowerCase() } });
    expect(first.status).toBe(200);
    expect(first.json.selfInvoicing).toEqual({
      enabled: false,
      companyNumber,
      limit: { kind: 'naturalMonth' },
      afterLimit: 'refuse',
    });
    const second = await patch({
      selfInvoicing: {
        enabled: true,
        limit: { kind: 'days', days: 15 },
        afterLimit: 'request',
        concept: { description: 'Consumiciones' },
        seriesId: 'F',
      },
    });
    expect(second.status).toBe(200);
    expect(second.json.selfInvoicing).toEqual({
      enabled: true,
      companyNumber,
      limit: { kind: 'days', days: 15 },
      afterLimit: 'request',
      concept: { description: 'Consumiciones' },
      seriesId: 'F',
    });
    const read = await api.call('GET', '/v1/settings', { key });
    expect(read.json.selfInvoicing).toEqual(second.json.selfInvoicing);
    const dropped = await patch({ selfInvoicing: { concept: null, seriesId: null } });
    expect(dropped.json.selfInvoicing).toEqual({
      enabled: true,
      companyNumber,
      limit: { kind: 'days', days: 15 },
      afterLimit: 'request',
    });
  });

  it('refuses a company number another tenant holds (409), until it lets it go', async () => {
    const mine = number();
    expect((await patch({ selfInvoicing: { companyNumber: mine } })).status).toBe(200);
    const taken = await patch({ selfInvoicing: { companyNumber: mine } }, other);
    expect(taken.status).toBe(409);
    expect(taken.json.errors).toEqual([
      {
        path: 'selfInvoicing.companyNumber',
        message: 'Another company uses this number; choose another',
      },
    ]);
    expect((await api.call('GET', '/v1/settings', { key: other })).json.selfInvoicing).toBe(
      undefined,
    );
    // Changing to another number frees the old one.
    expect((await patch({ selfInvoicing: { companyNumber: number() } })).status).toBe(200);
    expect((await patch({ selfInvoicing: { companyNumber: mine } }, other)).status).toBe(200);
    // And turning the section off (null) frees it as well.
    expect((await patch({ selfInvoicing: null }, other)).json.selfInvoicing).toBe(undefined);
    expect((await patch({ selfInvoicing: { companyNumber: mine } })).status).toBe(200);
  });

  it('gives the same number to one of two tenants asking at once', async () => {
    const contested = number();
    const [a, b] = await Promise.all([
      patch({ selfInvoicing: { companyNumber: contested } }),
      patch({ selfInvoicing: { companyNumber: contested } }, other),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
  });

  it('names what is wrong', async () => {
    const { key: fresh } = await createTenant('Nueva SL');
    const missing = await patch({ selfInvoicing: { enabled: true } }, fresh);
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([
      {
        path: 'selfInvoicing.companyNumber',
        message: 'Give the company number printed on your tickets to set up self-invoicing',
      },
    ]);
    const bad = await patch(
      {
        selfInvoicing: {
          companyNumber: 'a b',
          limit: { kind: 'days' },
          afterLimit: 'ignore',
          seriesId: 'NOPE',
        },
      },
      fresh,
    );
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'selfInvoicing.companyNumber',
      'selfInvoicing.limit.days',
      'selfInvoicing.afterLimit',
    ]);
    const series = await patch(
      { selfInvoicing: { companyNumber: number(), seriesId: 'NOPE' } },
      fresh,
    );
    expect(series.status).toBe(400);
    expect(series.json.errors).toEqual([
      { path: 'selfInvoicing.seriesId', message: 'No invoice series NOPE' },
    ]);
  });
});
