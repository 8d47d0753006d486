import type { Task } from '@sello/core/tasks';
import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { localScheduler } from './support.ts';

const api = await startApi();
const { store } = localScheduler(api);
let key: string;
let customers: string[];

const line = {
  description: 'Cuota de mantenimiento',
  quantity: '1',
  unitPrice: '120.00',
  taxes: [{ type: 'IVA', rate: '21' }],
};

const aTask = (over: Record<string, unknown> = {}) => ({
  name: 'Mantenimiento mensual',
  documentType: 'invoice',
  template: { lines: [line] },
  customerIds: customers,
  schedule: { expression: 'monthly', startDate: '2026-01-31T09:00' },
  ...over,
});

beforeAll(async () => {
  ({ key } = await createTenant('Climatización Levante SL'));
  customers = [];
  for (let i = 0; i < 3; i++) {
    customers.push((await api.call('POST', '/v1/customers', { key, body: aCustomer() })).json.id);
  }
});

describe('/v1/tasks', () => {
  it('creates a task, its schedule in the tenant time zone, and shows when it runs next', async () => {
    const res = await api.call('POST', '/v1/tasks', { key, body: aTask() });
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/v1/tasks/${res.json.id}`);
    expect(res.headers.get('etag')).toBe('"v1"');
    expect(res.json).toMatchObject({
      name: 'Mantenimiento mensual',
      documentType: 'invoice',
      pricePolicy: 'template',
      customerIds: customers,
      delivery: { mode: 'create', formats: ['pdf', 'facturae'], issue: false },
      status: 'active',
      schedule: {
        expression: 'monthly',
        timezone: 'Europe/Madrid',
        startDate: '2026-01-31T09:00',
        awsExpression: 'cron(0 9 L * ? *)',
        startsAt: '2026-01-31T08:00:00.000Z',
      },
    });
    // The next three month ends at 09:00 Madrid time, all after now.
    const next = res.json.schedule.next as string[];
    expect(next).toHaveLength(3);
    for (const at of next) {
      expect(Date.parse(at)).toBeGreaterThan(Date.now());
      const local = new Intl.DateTimeFormat('en-GB', {
        timeZone: 'Europe/Madrid',
        hour: '2-digit',
        minute: '2-digit',
      }).format(new Date(at));
      expect(local).toBe('09:00');
      const nextDay = new Date(Date.parse(at) + 86_400_000);
      expect(
        new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', day: 'numeric' }).format(
          nextDay,
        ),
      ).toBe('1');
    }

    const [schedule] = (await store.list()).filter((s) => s.name === `task-${res.json.id}`);
    expect(schedule).toMatchObject({
      expression: 'cron(0 9 L * ? *)',
      timezone: 'Europe/Madrid',
      enabled: true,
      target: 'runTask',
      flexibleWindowMinutes: 15,
      input: { taskId: res.json.id, occurrence: '<aws.scheduler.scheduled-time>' },
    });
    // Not back-filled: the schedule starts at the next occurrence, not in January 2026.
    expect(schedule?.startDate?.toISOString()).toBe(next[0]);
  });

  it('refuses bad input by field and writes nothing', async () => {
    const before = (await store.list()).length;
    const res = await api.call('POST', '/v1/tasks', {
      key,
      body: aTask({
        customerIds: [customers[0], 'cus_nobody'],
        pricePolicy: 'catalog',
        template: { lines: [{ ...line, productId: 'prd_nothing' }] },
        schedule: {
          expression: 'cron(0 9 * * * *)',
          timezone: 'Europe/Madird',
          startDate: '2026-02-30',
        },
      }),
    });
    expect(res.status).toBe(400);
    expect(res.json.errors.map((e: { path: string }) => e.path)).toEqual([
      'schedule.timezone',
      'schedule.startDate',
      'schedule.expression',
    ]);
    const lines = await api.call('POST', '/v1/tasks', {
      key,
      body: aTask({
        customerIds: [customers[0], 'cus_nobody'],
        pricePolicy: 'catalog',
        template: { lines: [{ ...line, productId: 'prd_nothing' }] },
      }),
    });
    expect(lines.status).toBe(400);
    expect(lines.json.errors).toEqual([
      {
        path: 'template.lines.0.unitPrice',
        message: 'With pricePolicy "catalog" the price is taken at run time; leave unitPrice out',
      },
      { path: 'customerIds.1', message: 'No customer cus_nobody' },
      { path: 'template.lines.0.productId', message: 'No product prd_nothing' },
    ]);
    const shape = await api.call('POST', '/v1/tasks', {
      key,
      body: aTask({ delivery: { mode: 'sometimes' }, customerIds: [] }),
    });
    expect(shape.status).toBe(400);
    expect(shape.json.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'customerIds',
      'delivery.mode',
    ]);
    expect((await store.list()).length).toBe(before);
  });

  it('reads, lists, pauses, resumes and deletes a task with its schedule', async () => {
    const { id } = (await api.call('POST', '/v1/tasks', { key, body: aTask({ name: 'Cuotas' }) }))
      .json;
    const got = await api.call('GET', `/v1/tasks/${id}`, { key });
    expect([got.status, got.json.customerIds, got.headers.get('etag')]).toEqual([
      200,
      customers,
      '"v1"',
    ]);
    const listed = await api.call('GET', '/v1/tasks?limit=200', { key });
    const summary = listed.json.items.find((t: { id: string }) => t.id === id);
    expect(summary).toMatchObject({ name: 'Cuotas', customerCount: 3 });
    expect(summary).not.toHaveProperty('customerIds');

    const paused = await api.call('PATCH', `/v1/tasks/${id}`, {
      key,
      body: { status: 'paused' },
      headers: { 'if-match': '"v1"' },
    });
    expect([paused.status, paused.json.status, paused.json.schedule.next]).toEqual([
      200,
      'paused',
      [],
    ]);
    expect((await store.list()).find((s) => s.name === `task-${id}`)?.enabled).toBe(false);
    const stale = await api.call('PATCH', `/v1/tasks/${id}`, {
      key,
      body: { status: 'active' },
      headers: { 'if-match': '"v1"' },
    });
    expect(stale.status).toBe(412);
    const resumed = await api.call('PATCH', `/v1/tasks/${id}`, { key, body: { status: 'active' } });
    expect(resumed.json.status).toBe('active');
    expect(Date.parse(resumed.json.activeSince)).toBeGreaterThan(Date.parse(got.json.activeSince));
    expect((await store.list()).find((s) => s.name === `task-${id}`)?.enabled).toBe(true);

    expect((await api.call('DELETE', `/v1/tasks/${id}`, { key })).status).toBe(204);
    expect((await store.list()).some((s) => s.name === `task-${id}`)).toBe(false);
    expect((await api.call('GET', `/v1/tasks/${id}`, { key })).status).toBe(404);
    expect((await api.call('DELETE', `/v1/tasks/${id}`, { key })).status).toBe(404);
    const after = await api.call('GET', '/v1/tasks?limit=200', { key });
    expect(after.json.items.some((t: { id: string }) => t.id === id)).toBe(false);
  });

  it('keeps a task of thousands of customers in parts and reads it back whole', async () => {
    // Ids need not exist to be stored in parts: the store is what is checked here.
    const { repositories } = await import('@sello/app/platform');
    const { tasks } = repositories();
    const many = Array.from({ length: 12_000 }, (_, i) => `cus_${String(i).padStart(26, '0')}`);
    const assets = { [many[5] as string]: [{ id: 'a1', name: 'Caldera', serial: 'S-1' }] };
    const { tenantId } = await createTenant('Partes SL');
    const base: Task = {
      id: 'tsk_parts',
      tenantId,
      name: 'Parts',
      documentType: 'invoice',
      template: { lines: [{ ...line, taxes: [{ type: 'IVA', rate: '21' }] }] },
      pricePolicy: 'template',
      customerIds: many,
      assets,
      schedule: {
        expression: 'monthly',
        timezone: 'Europe/Madrid',
        startDate: '2027-01-31',
        awsExpression: 'cron(0 0 L * ? *)',
        startsAt: '2027-01-30T23:00:00.000Z',
      },
      delivery: { mode: 'create', formats: ['pdf'], issue: false },
      status: 'active',
      activeSince: '2027-01-01T00:00:00.000Z',
      version: 1,
      createdAt: '2027-01-01T00:00:00.000Z',
      updatedAt: '2027-01-01T00:00:00.000Z',
    };
    await tasks.create(base);
    expect(await tasks.get(tenantId, 'tsk_parts')).toEqual(base);
    const fewer: Task = { ...base, customerIds: many.slice(0, 10), assets: {}, version: 2 };
    await tasks.update(fewer);
    const { assets: _gone, ...withoutAssets } = fewer;
    expect(await tasks.get(tenantId, 'tsk_parts')).toEqual(withoutAssets);
    await expect(tasks.update({ ...fewer, version: 2 })).rejects.toMatchObject({
      code: 'precondition-failed',
    });
  });
});
