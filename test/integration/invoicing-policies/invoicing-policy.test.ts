import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { localScheduler } from '../tasks/support.ts';

const api = await startApi();
const { store } = localScheduler(api);
let key: string;
let tenantId: string;

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Recargas del Turia SL'));
});

const customer = async () =>
  (await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id as string;
const path = (customerId: string) => `/v1/customers/${customerId}/invoicing-policy`;
const scheduleOf = async (customerId: string) =>
  (await store.list()).find((s) => s.name === `policy-${customerId}`);

describe("a customer's invoicing policy", () => {
  it('is set, read, replaced and deleted, with its one schedule', async () => {
    const id = await customer();
    expect((await api.call('GET', path(id), { key })).status).toBe(404);

    const put = await api.call('PUT', path(id), {
      key,
      body: { kind: 'monthly', timezone: 'Europe/Madrid', reportTo: 'duena@turia.example' },
    });
    expect(put.status).toBe(201);
    expect(put.json).toMatchObject({
      customerId: id,
      kind: 'monthly',
      timezone: 'Europe/Madrid',
      reportTo: ['duena@turia.example'],
      version: 1,
    });
    expect(put.json.next).toHaveLength(3);
    const monthly = await scheduleOf(id);
    expect(monthly).toMatchObject({
      expression: 'cron(0 0 1 * ? *)',
      timezone: 'Europe/Madrid',
      enabled: true,
      target: 'runInvoicingPolicy',
      input: { tenantId, customerId: id, occurrence: '<aws.scheduler.scheduled-time>' },
    });
    expect(monthly?.startDate?.toISOString()).toBe(put.json.next[0]);
    expect((await api.call('GET', path(id), { key })).json).toEqual(put.json);

    const every = await api.call('PUT', path(id), {
      key,
      body: {
        kind: 'everyDays',
        days: 21,
        timezone: 'America/Mexico_City',
        startDate: '2026-12-01',
      },
    });
    expect(every.status).toBe(200);
    expect(every.json).toMatchObject({ kind: 'everyDays', days: 21, version: 2 });
    // 22 December 00:00 in Mexico City (UTC-6).
    expect(every.json.next[0]).toBe('2026-12-22T06:00:00.000Z');
    expect(await scheduleOf(id)).toMatchObject({
      expression: 'cron(0 0 * * ? *)',
      timezone: 'America/Mexico_City',
    });

    const perDeposit = await api.call('PUT', path(id), {
      key,
      body: { kind: 'perDeposit', timezone: 'Europe/Madrid' },
    });
    expect(perDeposit.json).toMatchObject({ kind: 'perDeposit', next: [] });
    expect(await scheduleOf(id)).toBeUndefined();

    expect((await api.call('DELETE', path(id), { key })).status).toBe(204);
    expect((await api.call('GET', path(id), { key })).status).toBe(404);
    expect((await api.call('DELETE', path(id), { key })).status).toBe(404);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const id = await customer();
    const refused = async (body: unknown) => {
      const res = await api.call('PUT', path(id), { key, body });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return res.json.errors.map((e: { path: string }) => e.path);
    };
    expect(await refused({ kind: 'everyDays', timezone: 'Europe/Madrid' })).toEqual(['days']);
    expect(await refused({ kind: 'everyDays', days: 10, timezone: 'Europe/Madrid' })).toEqual([
      'days',
    ]);
    expect(await refused({ kind: 'monthly', days: 7, timezone: 'Europe/Madrid' })).toEqual([
      'days',
    ]);
    expect(await refused({ kind: 'monthly', timezone: 'Europe/Atlantis' })).toEqual(['timezone']);
    expect(await refused({ kind: 'yearly', timezone: 'Europe/Madrid' })).toEqual(['kind']);
    expect(await refused({ kind: 'monthly' })).toEqual(['timezone']);
    expect((await api.call('GET', path(id), { key })).status).toBe(404);
    expect(await scheduleOf(id)).toBeUndefined();

    const unknown = await api.call('PUT', path('cus_01kanosuchcustomerxxxxxxx'), {
      key,
      body: { kind: 'monthly', timezone: 'Europe/Madrid' },
    });
    expect(unknown.status).toBe(404);
  });

  it("another tenant's customer has no policy here (404)", async () => {
    const id = await customer();
    await api.call('PUT', path(id), { key, body: { kind: 'monthly', timezone: 'Europe/Madrid' } });
    const other = await createTenant('Otra Empresa SL');
    expect((await api.call('GET', path(id), { key: other.key })).status).toBe(404);
    expect(
      (
        await api.call('PUT', path(id), {
          key: other.key,
          body: { kind: 'monthly', timezone: 'Europe/Madrid' },
        })
      ).status,
    ).toBe(404);
  });
});
