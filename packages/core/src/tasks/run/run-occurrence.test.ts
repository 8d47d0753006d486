import { describe, expect, it } from 'vitest';
import {
  aTenant,
  FakeDocuments,
  InMemoryRuns,
  InMemoryTasks,
  movableClock,
  RecordingMailer,
  RecordingScheduler,
  sequentialIds,
} from '../../../testing/tasks.ts';
import { AppError } from '../../errors.ts';
import { taskDocumentId } from '../document-id.ts';
import type { Task } from '../model.ts';
import { resolveSchedule } from '../schedule.ts';
import { type RunDeps, runScheduledTask, runTaskOccurrence } from './run-occurrence.ts';

const FEB = '2027-02-28T08:00:00.000Z';
const MAR = '2027-03-31T07:00:00.000Z';

function setup(
  options: { customers?: number; at?: string; activeSince?: string; over?: Partial<Task> } = {},
) {
  const clock = movableClock(options.at ?? '2027-02-28T08:00:30Z');
  const tasks = new InMemoryTasks();
  const runs = new InMemoryRuns();
  const documents = new FakeDocuments();
  const mailer = new RecordingMailer();
  const scheduler = new RecordingScheduler();
  const task: Task = {
    id: 'tsk_1',
    tenantId: 'ten_1',
    name: 'Cuota de mantenimiento',
    documentType: 'invoice',
    template: { lines: [{ description: 'Cuota', quantity: '1', unitPrice: '100', taxes: [] }] },
    pricePolicy: 'template',
    customerIds: Array.from({ length: options.customers ?? 3 }, (_, i) => `cus_${i + 1}`),
    schedule: resolveSchedule({
      expression: 'monthly',
      timezone: 'Europe/Madrid',
      startDate: '2027-01-31T09:00',
    }),
    delivery: { mode: 'create', formats: ['pdf'], issue: false },
    reportTo: ['jefa@levante.example'],
    status: 'active',
    activeSince: options.activeSince ?? '2027-02-01T00:00:00.000Z',
    version: 1,
    createdAt: '2027-01-15T00:00:00.000Z',
    updatedAt: '2027-01-15T00:00:00.000Z',
    ...options.over,
  };
  tasks.items.set(task.id, task);
  const deps: RunDeps = {
    tasks,
    runs,
    tenants: { get: async () => aTenant() },
    makers: { invoice: documents.factory, workOrder: documents.factory },
    mailer,
    scheduler,
    target: 'runTask',
    clock,
    ids: sequentialIds(),
  };
  const budget = () => ({ deadline: clock.now().getTime() + 600_000, leaseMs: 960_000 });
  const scheduled = (occurrence: string, runId?: string) =>
    runScheduledTask(deps)(
      {
        tenantId: 'ten_1',
        taskId: task.id,
        occurrence: new Date(occurrence),
        ...(runId ? { runId } : {}),
      },
      budget(),
    );
  const manual = (occurrence: string) =>
    runTaskOccurrence(deps)('ten_1', task.id, new Date(occurrence), budget());
  return {
    clock,
    tasks,
    runs,
    documents,
    mailer,
    scheduler,
    task,
    deps,
    budget,
    scheduled,
    manual,
  };
}

describe('a scheduled run', () => {
  it('makes one document per customer per occurrence, whatever runs twice', async () => {
    const { scheduled, manual, documents, runs, mailer } = setup();
    documents.delayMs = 5;
    // Two deliveries of the same occurrence at once, then once more later by hand.
    const [a, b] = await Promise.all([scheduled(FEB), scheduled(FEB)]);
    const again = await manual(FEB);

    const docs = documents.of(FEB);
    expect(docs.map((d) => d.customerId).sort()).toEqual(['cus_1', 'cus_2', 'cus_3']);
    // The ids are the deterministic ones: the occurrence is the idempotency key.
    expect(docs.map((d) => d.id).sort()).toEqual(
      ['cus_1', 'cus_2', 'cus_3']
        .map((c) => taskDocumentId('inv', 'tsk_1', new Date(FEB), c))
        .sort(),
    );
    const passes = [...(a.runs ?? []), ...(b.runs ?? [])].map((r) => [
      r.status,
      r.created,
      r.skipped,
    ]);
    expect(passes.sort()).toEqual([
      ['completed', 3, 0],
      ['duplicate', 0, 0],
    ]);
    expect([again.status, again.created, again.skipped, again.failed]).toEqual([
      'completed',
      0,
      3,
      0,
    ]);
    expect(runs.all()).toHaveLength(3);
    // Only the run that made something reports.
    expect(mailer.sent).toHaveLength(1);

    await scheduled(MAR);
    expect(documents.of(MAR)).toHaveLength(3);
    expect(documents.docs.size).toBe(6);
  });

  it('still makes nothing twice when two passes overlap without the lease', async () => {
    const { scheduled, documents, runs } = setup();
    // A lease that expired under a slow pass: the next one gets in while the first still works.
    runs.acquire = async () => ({ acquired: true });
    documents.delayMs = 5;
    const [a, b] = await Promise.all([scheduled(FEB), scheduled(FEB)]);
    const passes = [...(a.runs ?? []), ...(b.runs ?? [])];
    expect(documents.of(FEB)).toHaveLength(3);
    expect(passes.map((r) => r.created + r.skipped)).toEqual([3, 3]);
    expect(passes.reduce((n, r) => n + r.created, 0)).toBe(3);
  });

  it('goes on past a failing customer and reports counts, amounts and failures', async () => {
    const { scheduled, documents, mailer } = setup();
    documents.failFor.add('cus_2');
    const { runs } = await scheduled(FEB);
    expect(runs?.[0]).toMatchObject({
      status: 'completed',
      created: 2,
      skipped: 0,
      failed: 1,
      failures: [{ customerId: 'cus_2', message: 'Customer cus_2 cannot be invoiced' }],
      totals: { net: '200.00', tax: '42.00', withheld: '0.00', total: '242.00' },
      reportedTo: ['jefa@levante.example'],
    });
    const [mail] = mailer.sent;
    expect(mail?.to).toEqual(['jefa@levante.example']);
    expect(mail?.subject).toBe('Tarea «Cuota de mantenimiento»: 2 facturas creadas, 1 con errores');
    expect(mail?.text).toContain(
      'Documentos creados: 2\nYa existentes (no se duplican): 0\nClientes con errores: 1',
    );
    expect(mail?.text).toContain(
      'Total de las facturas creadas: 242,00\u00a0€ (base 200,00\u00a0€, impuestos 42,00\u00a0€)',
    );
    expect(mail?.text).toContain('- cus_2: Customer cus_2 cannot be invoiced');
    expect(mail?.text).toContain(
      'en la ocurrencia del 28 de febrero de 2027 a las 9:00 (Europe/Madrid).',
    );
  });

  it('hands the rest to a continuation when time runs out, and finishes it once', async () => {
    const s = setup({ customers: 5 });
    s.deps.concurrency = 1;
    s.documents.onCreate = () => {
      s.clock.at = new Date(s.clock.at.getTime() + 10_000);
    };
    const start = s.clock.now().getTime();
    const first = await runScheduledTask(s.deps)(
      { tenantId: 'ten_1', taskId: 'tsk_1', occurrence: new Date(FEB) },
      { deadline: start + 25_000, leaseMs: 960_000 },
    );
    const paused = first.runs?.[0];
    expect([paused?.status, paused?.created, paused?.cursor]).toEqual(['continuing', 3, 3]);
    expect(s.mailer.sent).toHaveLength(0);
    const spec = s.scheduler.specs.get(`run-${paused?.id}`);
    expect(spec).toEqual({
      name: `run-${paused?.id}`,
      expression: `at(${new Date(start + 90_000).toISOString().slice(0, 19)})`,
      timezone: 'UTC',
      enabled: true,
      target: 'runTask',
      input: { tenantId: 'ten_1', taskId: 'tsk_1', occurrence: FEB, runId: paused?.id },
      deleteAfterCompletion: true,
    });

    const resumed = await s.scheduled(FEB, paused?.id);
    expect(resumed.runs?.map((r) => [r.id, r.status, r.created, r.cursor])).toEqual([
      [paused?.id, 'completed', 5, 5],
    ]);
    expect(s.documents.of(FEB)).toHaveLength(5);
    expect(s.mailer.sent.map((m) => m.subject)).toEqual([
      'Tarea «Cuota de mantenimiento»: 5 facturas creadas',
    ]);
    // The continuation delivered again (a retry) does nothing.
    expect(await s.scheduled(FEB, paused?.id)).toEqual({
      ignored: `run ${paused?.id} is completed`,
      runs: [],
    });
  });

  it('finishes without duplicates after a run died halfway', async () => {
    const s = setup({ customers: 4 });
    s.deps.concurrency = 1;
    s.deps.progressEvery = 2;
    // Saves: the run's start, then progress after 2 customers — where the process dies.
    s.runs.failPutAt = 2;
    await expect(s.scheduled(FEB)).rejects.toThrow('the process died');
    expect(s.documents.of(FEB)).toHaveLength(2);
    // Its lease still stands: a retry now is a duplicate that does nothing.
    expect((await s.scheduled(FEB)).runs?.[0]?.status).toBe('duplicate');
    // Once the lease has expired, the retry takes over and finishes.
    s.clock.at = new Date(s.clock.at.getTime() + 961_000);
    const { runs } = await s.scheduled(FEB);
    expect(runs?.map((r) => [r.status, r.created, r.skipped])).toEqual([['completed', 2, 2]]);
    expect(s.documents.of(FEB)).toHaveLength(4);
    expect(s.runs.all().find((r) => r.id === 'run_0001')?.status).toBe('interrupted');
  });
});

describe('missed occurrences', () => {
  it('catches up the latest three without a finished run and reports the older ones', async () => {
    const s = setup({ at: '2027-05-31T07:00:30Z', activeSince: '2027-01-15T00:00:00.000Z' });
    const { runs } = await s.scheduled('2027-05-31T07:00:00Z');
    expect(runs?.map((r) => [r.occurrence, r.trigger, r.status, r.created])).toEqual([
      ['2027-02-28T08:00:00.000Z', 'catchUp', 'completed', 3],
      ['2027-03-31T07:00:00.000Z', 'catchUp', 'completed', 3],
      ['2027-04-30T07:00:00.000Z', 'catchUp', 'completed', 3],
      ['2027-05-31T07:00:00.000Z', 'schedule', 'completed', 3],
    ]);
    expect(runs?.at(-1)?.missed).toEqual(['2027-01-31T08:00:00.000Z']);
    expect(s.documents.of('2027-01-31T08:00:00.000Z')).toHaveLength(0);
    expect(s.mailer.sent.at(-1)?.text).toContain(
      'Ocurrencias anteriores que no se ejecutaron (puede ejecutarlas a demanda):\n- 31 de enero de 2027 a las 9:00 (Europe/Madrid)',
    );
    // The next delivery starts after the last finished occurrence: nothing is caught up twice.
    s.clock.at = new Date('2027-06-30T07:00:30Z');
    const next = await s.scheduled('2027-06-30T07:00:00Z');
    expect(next.runs?.map((r) => [r.occurrence, r.trigger])).toEqual([
      ['2027-06-30T07:00:00.000Z', 'schedule'],
    ]);
    expect(next.runs?.[0]?.missed).toBeUndefined();
  });

  it('never looks before the task was created (or last resumed)', async () => {
    const s = setup({ at: '2027-04-30T07:00:30Z', activeSince: '2027-04-01T00:00:00.000Z' });
    const { runs } = await s.scheduled('2027-04-30T07:00:00Z');
    expect(runs?.map((r) => [r.occurrence, r.trigger])).toEqual([
      ['2027-04-30T07:00:00.000Z', 'schedule'],
    ]);
    expect(s.documents.docs.size).toBe(3);
  });
});

describe('what a delivery ignores', () => {
  it('a paused or deleted task, an instant the schedule does not have; a late one counts', async () => {
    const paused = setup({ over: { status: 'paused' } });
    expect(await paused.scheduled(FEB)).toEqual({ ignored: 'the task is paused', runs: [] });
    const deleted = setup({ over: { deletedAt: '2027-02-20T00:00:00.000Z' } });
    expect((await deleted.scheduled(FEB)).ignored).toBe('no such task (deleted?)');
    const s = setup();
    expect(await s.scheduled('2027-02-27T08:00:00Z')).toEqual({
      ignored: 'the schedule no longer fires at 2027-02-27T08:00:00.000Z',
      runs: [],
    });
    const late = await s.scheduled('2027-02-28T08:09:00Z');
    expect(late.runs?.map((r) => r.occurrence)).toEqual([FEB]);
    expect(s.documents.docs.size).toBe(0 + 3);
  });
});

describe('a run on demand', () => {
  it('runs any occurrence of the schedule, even of a paused task; anything else is 422', async () => {
    const s = setup({ over: { status: 'paused' } });
    const run = await s.manual(MAR);
    expect([run.trigger, run.status, run.created]).toEqual(['manual', 'completed', 3]);
    for (const wrong of ['2027-02-28T09:00:00Z', '2026-12-31T08:00:00Z', '2027-03-31T08:00:00Z']) {
      const error = await s.manual(wrong).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'unprocessable', errors: [{ path: 'occurrence' }] });
    }
    await expect(s.manual(FEB)).resolves.toMatchObject({ created: 3 });
  });
});
