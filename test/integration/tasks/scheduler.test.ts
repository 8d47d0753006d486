import { beforeAll, describe, expect, it } from 'vitest';
import { aCustomer, createTenant, startApi } from '../../support/api.ts';
import { localScheduler, mailsTo, uniqueEmail } from './support.ts';

const api = await startApi();
const { store, loop } = localScheduler(api);
let key: string;
let tenantId: string;
let customerIds: string[];

beforeAll(async () => {
  ({ key, tenantId } = await createTenant('Mantenimientos del Turia SL'));
  customerIds = [];
  for (const name of ['Ana García Pérez', 'Bernat Puig Soler', 'Carla Ruiz Gómez']) {
    customerIds.push(
      (await api.call('POST', '/v1/customers', { key, body: aCustomer({ name }) })).json.id,
    );
  }
});

const scheduleOf = async (taskId: string) => {
  const spec = (await store.list()).find((s) => s.name === `task-${taskId}`);
  if (!spec?.startDate) throw new Error(`no schedule for ${taskId}`);
  return spec as typeof spec & { startDate: Date };
};

describe('the schedule of a task, fired by the local scheduler loop', () => {
  it('makes pending work orders with the customers’ assets, once per occurrence', async () => {
    const owner = uniqueEmail('taller');
    const task = await api.call('POST', '/v1/tasks', {
      key,
      body: {
        name: 'Revisión trimestral',
        documentType: 'workOrder',
        template: {
          lines: [{ description: 'Revisión preventiva de caldera', quantity: '1', unit: 'HUR' }],
          notes: 'Llevar kit de juntas',
        },
        customerIds,
        assets: {
          [customerIds[0] as string]: [{ id: 'c1', name: 'Caldera Vaillant', serial: 'VT-1' }],
          [customerIds[2] as string]: [
            { id: 'c2', name: 'Caldera Junkers' },
            { id: 'a3', name: 'Aire acondicionado Daikin', serial: 'DK-9' },
          ],
        },
        schedule: { expression: 'quarterly', startDate: '2026-01-31T08:00' },
        reportTo: owner,
      },
    });
    expect(task.status).toBe(201);
    const taskId = task.json.id as string;
    const spec = await scheduleOf(taskId);
    const occurrence = spec.startDate.toISOString();
    expect(occurrence).toBe(task.json.schedule.next[0]);

    // Nothing is due before the occurrence; at it, the loop fires runTask with the scheduled time.
    expect((await loop.tick(new Date(spec.startDate.getTime() - 1000))).fired).toEqual([]);
    const tick = await loop.tick(new Date(spec.startDate.getTime() + 1000));
    expect(tick.failed).toEqual([]);
    expect(tick.fired.filter((f) => f.name === `task-${taskId}`).map((f) => f.at)).toEqual([
      spec.startDate,
    ]);

    const orders = (await api.call('GET', `/v1/work-orders?taskId=${taskId}`, { key })).json
      .items as Array<Record<string, unknown> & { customerId: string }>;
    expect(orders).toHaveLength(3);
    const byCustomer = new Map(orders.map((o) => [o.customerId, o]));
    expect(byCustomer.get(customerIds[2] as string)).toMatchObject({
      status: 'pending',
      customer: { name: 'Carla Ruiz Gómez', address: { city: 'Sevilla' } },
      lines: [{ description: 'Revisión preventiva de caldera', quantity: '1', unit: 'HUR' }],
      assets: [
        { id: 'c2', name: 'Caldera Junkers' },
        { id: 'a3', name: 'Aire acondicionado Daikin', serial: 'DK-9' },
      ],
      notes: 'Llevar kit de juntas',
      source: { taskId, occurrence },
    });
    expect(byCustomer.get(customerIds[1] as string)?.assets).toEqual([]);
    for (const order of orders) expect(order).not.toHaveProperty('number');

    // The scheduler delivering the same occurrence again, twice at once, makes nothing more.
    const event = { tenantId, taskId, occurrence: occurrence.replace('.000Z', 'Z') };
    await Promise.all([
      api.invoker.runScheduled('runTask', event),
      api.invoker.runScheduled('runTask', event),
    ]);
    expect(
      (await api.call('GET', `/v1/work-orders?taskId=${taskId}`, { key })).json.items,
    ).toHaveLength(3);
    const runs = (await api.call('GET', `/v1/tasks/${taskId}/runs`, { key })).json.items as Array<{
      trigger: string;
      status: string;
      created: number;
      skipped: number;
    }>;
    expect(runs).toHaveLength(3);
    expect(runs.reduce((n, r) => n + r.created, 0)).toBe(3);
    expect(runs.every((r) => r.trigger === 'schedule')).toBe(true);
    const reports = await mailsTo(owner);
    expect(reports.map((m) => m.subject)).toEqual([
      'Tarea «Revisión trimestral»: 3 órdenes de trabajo creadas',
    ]);

    // Work orders then move on by hand.
    const id = orders[0]?.id as string;
    const started = await api.call('PATCH', `/v1/work-orders/${id}`, {
      key,
      body: { status: 'in_progress' },
    });
    expect([started.status, started.json.status]).toEqual([200, 'in_progress']);
    const back = await api.call('PATCH', `/v1/work-orders/${id}`, {
      key,
      body: { status: 'pending' },
    });
    expect(back.status).toBe(409);
    const done = await api.call('PATCH', `/v1/work-orders/${id}`, {
      key,
      body: { status: 'done' },
    });
    expect(done.json.events.map((e: { type: string }) => e.type)).toEqual([
      'created',
      'in_progress',
      'done',
    ]);
  });

  it('does not fire while paused, and a delivery from before the pause does nothing', async () => {
    const task = await api.call('POST', '/v1/tasks', {
      key,
      body: {
        name: 'Cuotas',
        documentType: 'invoice',
        template: {
          lines: [
            {
              description: 'Cuota',
              quantity: '1',
              unitPrice: '50',
              taxes: [{ type: 'IVA', rate: '21' }],
            },
          ],
        },
        customerIds,
        schedule: { expression: 'monthly', startDate: '2026-01-31T09:00' },
      },
    });
    const taskId = task.json.id as string;
    const spec = await scheduleOf(taskId);
    await api.call('PATCH', `/v1/tasks/${taskId}`, { key, body: { status: 'paused' } });
    const tick = await loop.tick(new Date(spec.startDate.getTime() + 1000));
    expect(tick.fired.filter((f) => f.name === `task-${taskId}`)).toEqual([]);
    await api.invoker.runScheduled('runTask', {
      tenantId,
      taskId,
      occurrence: spec.startDate.toISOString(),
    });
    expect((await api.call('GET', `/v1/invoices?taskId=${taskId}`, { key })).json.items).toEqual(
      [],
    );
    expect((await api.call('GET', `/v1/tasks/${taskId}/runs`, { key })).json.items).toEqual([]);
  });
});
