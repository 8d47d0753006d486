import { describe, expect, it } from 'vitest';
import {
  aTenant,
  InMemoryCustomers,
  InMemoryTasks,
  movableClock,
  RecordingScheduler,
  sequentialIds,
} from '../../testing/tasks.ts';
import type { Product } from '../catalog/product.ts';
import { ValidationError } from '../errors.ts';
import type { Series, SeriesRepository } from '../invoices/series.ts';
import { createTask } from './create-task.ts';
import { deleteTask } from './delete-task.ts';
import type { TaskDeps } from './deps.ts';
import { taskDocumentId } from './document-id.ts';
import type { TaskInput } from './task-input.ts';
import { updateTask } from './update-task.ts';

class InMemorySeries implements SeriesRepository {
  readonly items: Series[] = [];
  async create(_t: string, s: Series) {
    this.items.push(s);
  }
  async get(_t: string, code: string) {
    return this.items.find((s) => s.code === code);
  }
  async list() {
    return [...this.items];
  }
}

const product: Product = {
  id: 'prd_1',
  tenantId: 'ten_1',
  code: 'REV',
  description: 'Revisión',
  unitPrice: '80.00',
  taxes: [{ type: 'IVA', rate: '21' }],
  version: 1,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
};

function setup() {
  const clock = movableClock('2027-02-10T12:00:00Z');
  const tasks = new InMemoryTasks();
  const scheduler = new RecordingScheduler();
  const deps: TaskDeps = {
    tasks,
    customers: new InMemoryCustomers(new Set(['cus_1', 'cus_2', 'cus_3'])),
    products: { getMany: async (_t, ids) => (ids.includes('prd_1') ? [product] : []) },
    series: new InMemorySeries(),
    tenants: { get: async () => aTenant() },
    scheduler,
    target: 'runTask',
    clock,
    ids: sequentialIds(),
  };
  return { clock, tasks, scheduler, deps };
}

const input = (over: Partial<TaskInput> = {}): TaskInput => ({
  name: 'Revisiones',
  documentType: 'invoice',
  template: { lines: [{ productId: 'prd_1', quantity: '1' }] },
  pricePolicy: 'catalog',
  customerIds: ['cus_1', 'cus_2'],
  schedule: { expression: 'monthly', startDate: '2027-01-31T09:00' },
  delivery: { mode: 'create', formats: ['pdf', 'facturae'] },
  ...over,
});

async function faults(action: Promise<unknown>): Promise<Array<[string, string]>> {
  const error = await action.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ValidationError);
  return (error as ValidationError).errors.map((e) => [e.path, e.message]);
}

describe('createTask', () => {
  it('stores the task and one schedule starting after its creation', async () => {
    const { deps, tasks, scheduler } = setup();
    const task = await createTask(deps)('ten_1', input());
    expect(task).toMatchObject({
      id: 'tsk_0001',
      status: 'active',
      activeSince: '2027-02-10T12:00:00.000Z',
      delivery: { mode: 'create', formats: ['pdf', 'facturae'], issue: false },
      schedule: {
        timezone: 'Europe/Madrid',
        awsExpression: 'cron(0 9 L * ? *)',
        startsAt: '2027-01-31T08:00:00.000Z',
      },
    });
    expect(tasks.items.get('tsk_0001')).toEqual(task);
    expect([...scheduler.specs.values()]).toEqual([
      {
        name: 'task-tsk_0001',
        expression: 'cron(0 9 L * ? *)',
        timezone: 'Europe/Madrid',
        enabled: true,
        target: 'runTask',
        input: {
          tenantId: 'ten_1',
          taskId: 'tsk_0001',
          occurrence: '<aws.scheduler.scheduled-time>',
        },
        flexibleWindowMinutes: 15,
        // January's end is before the task existed: it is not back-filled.
        startDate: new Date('2027-02-28T08:00:00Z'),
      },
    ]);
  });

  it('sending issues by default; a draft cannot be sent', async () => {
    const { deps } = setup();
    const sent = await createTask(deps)(
      'ten_1',
      input({ delivery: { mode: 'createAndSend', formats: ['pdf', 'ubl'] } }),
    );
    expect(sent.delivery).toEqual({ mode: 'createAndSend', formats: ['pdf', 'ubl'], issue: true });
    expect(
      await faults(
        createTask(deps)(
          'ten_1',
          input({ delivery: { mode: 'createAndSend', formats: ['pdf'], issue: false } }),
        ),
      ),
    ).toEqual([['delivery.issue', 'Drafts are not sent: createAndSend issues each invoice']]);
    // UBL alone is a complete delivery: the EN 16931 invoice, e.g. for an ERP that reads it.
    const ublOnly = await createTask(deps)(
      'ten_1',
      input({ delivery: { mode: 'createAndSend', formats: ['ubl'] } }),
    );
    expect(ublOnly.delivery.formats).toEqual(['ubl']);
  });

  it('checks lines against the price policy, customers, products, assets and series at once', async () => {
    const { deps, tasks, scheduler } = setup();
    const paths = await faults(
      createTask(deps)(
        'ten_1',
        input({
          pricePolicy: 'template',
          customerIds: ['cus_1', 'cus_9', 'cus_1'],
          assets: { cus_7: [{ id: 'a1', name: 'Caldera' }] },
          template: {
            series: 'ZZ',
            lines: [
              { productId: 'prd_1', quantity: '1' },
              { productId: 'prd_2', quantity: '1', unitPrice: '5' },
              { quantity: '2' },
            ],
          },
        }),
      ),
    );
    expect(paths.map(([p]) => p)).toEqual([
      'customerIds.2',
      'assets.cus_7',
      'template.lines.0.unitPrice',
      'template.lines.2.description',
      'template.lines.2.unitPrice',
      'template.lines.2.taxes',
      'customerIds.1',
      'template.lines.1.productId',
      'template.series',
    ]);
    const catalog = await faults(
      createTask(deps)(
        'ten_1',
        input({ template: { lines: [{ productId: 'prd_1', quantity: '1', unitPrice: '70' }] } }),
      ),
    );
    expect(catalog).toEqual([
      [
        'template.lines.0.unitPrice',
        'With pricePolicy "catalog" the price is taken at run time; leave unitPrice out',
      ],
    ]);
    // Nothing was written.
    expect(tasks.items.size).toBe(0);
    expect(scheduler.specs.size).toBe(0);
  });

  it('work orders are only created, carry no prices and no fiscal numbering', async () => {
    const { deps } = setup();
    const order = await createTask(deps)(
      'ten_1',
      input({
        documentType: 'workOrder',
        template: {
          lines: [
            { productId: 'prd_1', quantity: '1' },
            { description: 'Limpieza', quantity: '1' },
          ],
        },
        assets: { cus_1: [{ id: 'a1', name: 'Caldera', serial: 'S-1' }] },
      }),
    );
    expect(order.assets).toEqual({ cus_1: [{ id: 'a1', name: 'Caldera', serial: 'S-1' }] });
    expect(
      (
        await faults(
          createTask(deps)(
            'ten_1',
            input({
              documentType: 'workOrder',
              delivery: { mode: 'createAndSend', formats: ['pdf'] },
              template: {
                series: 'F',
                paymentMethod: { means: 'cash' },
                lines: [{ description: 'Revisión', quantity: '1', unitPrice: '10' }],
              },
            }),
          ),
        )
      ).map(([p]) => p),
    ).toEqual([
      'delivery.mode',
      'delivery.issue',
      'template.paymentMethod',
      'template.series',
      'template.lines.0.unitPrice',
    ]);
  });

  it('leaves no schedule behind when the task cannot be stored', async () => {
    const { deps, scheduler } = setup();
    deps.tasks.create = async () => {
      throw new Error('table unavailable');
    };
    await expect(createTask(deps)('ten_1', input())).rejects.toThrow('table unavailable');
    expect(scheduler.specs.size).toBe(0);
  });
});

describe('updateTask and deleteTask', () => {
  it('pausing disables the schedule; resuming restarts the count of occurrences', async () => {
    const { deps, scheduler, clock } = setup();
    await createTask(deps)('ten_1', input());
    clock.at = new Date('2027-03-05T00:00:00Z');
    const paused = await updateTask(deps)('ten_1', 'tsk_0001', { status: 'paused' }, 1);
    expect([paused.status, paused.activeSince, paused.version]).toEqual([
      'paused',
      '2027-02-10T12:00:00.000Z',
      2,
    ]);
    expect(scheduler.specs.get('task-tsk_0001')?.enabled).toBe(false);
    clock.at = new Date('2027-06-15T00:00:00Z');
    const resumed = await updateTask(deps)('ten_1', 'tsk_0001', { status: 'active' });
    expect(resumed.activeSince).toBe('2027-06-15T00:00:00.000Z');
    expect(scheduler.specs.get('task-tsk_0001')).toMatchObject({
      enabled: true,
      startDate: new Date('2027-06-30T07:00:00Z'),
    });
    // A rename keeps the count; a stale If-Match is refused.
    const renamed = await updateTask(deps)('ten_1', 'tsk_0001', { name: 'Revisiones 2027' });
    expect(renamed.activeSince).toBe('2027-06-15T00:00:00.000Z');
    await expect(updateTask(deps)('ten_1', 'tsk_0001', { name: 'x' }, 2)).rejects.toMatchObject({
      code: 'precondition-failed',
    });
  });

  it('checks only the customers a change adds', async () => {
    const { deps } = setup();
    await createTask(deps)('ten_1', input());
    // cus_2 is deleted since; the task keeps it and may still be edited.
    (deps.customers as InMemoryCustomers).ids.delete('cus_2');
    await expect(
      updateTask(deps)('ten_1', 'tsk_0001', { customerIds: ['cus_1', 'cus_2', 'cus_3'] }),
    ).resolves.toMatchObject({ customerIds: ['cus_1', 'cus_2', 'cus_3'] });
    expect(
      await faults(updateTask(deps)('ten_1', 'tsk_0001', { customerIds: ['cus_1', 'cus_4'] })),
    ).toEqual([['customerIds.1', 'No customer cus_4']]);
  });

  it('deleting marks the task deleted and removes its schedule', async () => {
    const { deps, tasks, scheduler } = setup();
    await createTask(deps)('ten_1', input());
    await deleteTask(deps)('ten_1', 'tsk_0001');
    expect(tasks.items.get('tsk_0001')?.deletedAt).toBe('2027-02-10T12:00:00.000Z');
    expect(scheduler.removed).toEqual(['task-tsk_0001']);
    await expect(deleteTask(deps)('ten_1', 'tsk_0001')).rejects.toMatchObject({
      code: 'not-found',
    });
  });
});

describe('taskDocumentId', () => {
  it('is the same for the same task, occurrence and customer, and shaped like our ids', () => {
    const at = new Date('2027-02-28T08:00:00Z');
    const id = taskDocumentId('inv', 'tsk_1', at, 'cus_1');
    expect(id).toBe(taskDocumentId('inv', 'tsk_1', new Date('2027-02-28T08:00:00.000Z'), 'cus_1'));
    expect(id).toMatch(/^inv_[0-9a-hjkmnp-tv-z]{26}$/);
    expect(
      new Set([
        id,
        taskDocumentId('inv', 'tsk_2', at, 'cus_1'),
        taskDocumentId('inv', 'tsk_1', new Date('2027-03-31T07:00:00Z'), 'cus_1'),
        taskDocumentId('inv', 'tsk_1', at, 'cus_2'),
      ]).size,
    ).toBe(4);
    // The time part is the occurrence, so later occurrences sort later.
    expect(id < taskDocumentId('inv', 'tsk_1', new Date('2027-03-31T07:00:00Z'), 'cus_0')).toBe(
      true,
    );
  });
});
