import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { repositories } from '@sello/app/platform';
import type { Customer } from '@sello/core/customers';
import { systemClock, ulidIds } from '@sello/core/ports';
import type { Task, TaskRun } from '@sello/core/tasks';
import { provisionTenant } from '@sello/core/tenants';
import { lambdaContext } from '../../packages/local/src/apigw.ts';
import { loadHandler } from '../../packages/local/src/handlers.ts';
import type { Platform } from '../../packages/local/src/platform.ts';
import { round } from './stats.ts';

/**
 * One automatic task over many customers, run to completion on the local platform through the
 * `runTask` handler (the function EventBridge Scheduler invokes): documents per second and the
 * process's peak memory while it runs. A second delivery of the same occurrence is timed too: it
 * is what every duplicate, retry or catch-up costs (it must create nothing).
 *
 * Standalone: `node --import tsx test/bench/tasks.ts [customers] [create|issue|send]` starts its
 * own platform (default 1,000 customers, create: about a minute on 2 cores).
 */

export type TaskBenchMode = 'create' | 'issue' | 'send';

export interface TaskBenchResult {
  customers: number;
  mode: TaskBenchMode;
  /** Handler invocations to finish (more than 1 when a run handed over to a continuation). */
  invocations: number;
  seconds: number;
  documentsPerSecond: number;
  /**
   * Peak resident set size of this process (the local platform's S3, SES and KMS stand-ins
   * included; DynamoDB Local is a process of its own) and what the run added to it.
   */
  peakRssMb: number;
  rssGrowthMb: number;
  peakHeapMb: number;
  /** Heap still held after the run, once collected: what a run leaks (should be ~0). */
  heapRetainedMb: number;
  /** The same occurrence delivered again: all skipped, nothing created. */
  redelivery: { seconds: number; customersPerSecond: number; created: number; skipped: number };
}

const MB = 1024 * 1024;

/** A full collection, so memory is measured from a clean start and what stays is seen. */
function collectGarbage() {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** Samples memory every 100 ms until stopped; answers the peaks. */
function memoryWatch() {
  const peak = { rss: process.memoryUsage().rss, heapUsed: process.memoryUsage().heapUsed };
  const timer = setInterval(() => {
    const m = process.memoryUsage();
    peak.rss = Math.max(peak.rss, m.rss);
    peak.heapUsed = Math.max(peak.heapUsed, m.heapUsed);
  }, 100);
  timer.unref();
  return () => {
    clearInterval(timer);
    return peak;
  };
}

async function inBatches<T>(items: readonly T[], size: number, work: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: size }, async () => {
      while (next < items.length) await work(items[next++] as T);
    }),
  );
}

const RUN_TASK = 'functions/tasks/run-task.ts';

export async function benchTaskRun(
  platform: Platform,
  options: { customers: number; mode?: TaskBenchMode; log: (line: string) => void },
): Promise<TaskBenchResult> {
  const mode = options.mode ?? 'create';
  const r = repositories();
  const { tenant } = await provisionTenant({
    tenants: r.tenants,
    clock: systemClock,
    ids: ulidIds,
  })({
    name: 'Bench Tareas, S.L.',
    taxId: 'B12345674',
    email: 'owner@bench.example',
    language: 'es',
    timezone: 'Europe/Madrid',
    address: { line1: 'Gran Vía 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
  });

  options.log(`tasks: ${options.customers} customers`);
  const now = new Date().toISOString();
  const ids = Array.from({ length: options.customers }, () => ulidIds.next('cus'));
  await inBatches(ids, 32, async (id) => {
    const customer: Customer = {
      id,
      tenantId: tenant.id,
      taxId: '12345678Z',
      taxIdKind: 'NIF' as Customer['taxIdKind'],
      personType: 'F' as Customer['personType'],
      name: `Cliente ${id.slice(-6)}`,
      email: `${id}@bench.example`,
      language: 'es',
      address: { line1: 'Calle Mayor 1', city: 'Madrid', postalCode: '28013', country: 'ES' },
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await r.customers.create(customer);
  });

  // Written straight to the store: the run is what is measured, not the API that creates tasks.
  const task: Task = {
    id: ulidIds.next('tsk'),
    tenantId: tenant.id,
    name: 'Cuota mensual (bench)',
    documentType: 'invoice',
    template: {
      lines: [
        {
          description: 'Cuota de mantenimiento',
          quantity: '1',
          unitPrice: '120.00',
          taxes: [{ type: 'IVA', rate: '21' }],
        },
      ],
      paymentMethod: { means: 'transfer', dueInDays: 30 },
    },
    pricePolicy: 'template',
    customerIds: ids,
    schedule: {
      expression: 'monthly',
      timezone: 'Europe/Madrid',
      startDate: '2026-01-31T09:00',
      awsExpression: 'cron(0 9 L * ? *)',
      startsAt: '2026-01-31T08:00:00.000Z',
    },
    delivery: {
      mode: mode === 'send' ? 'createAndSend' : 'create',
      formats: ['pdf', 'facturae'],
      issue: mode !== 'create',
    },
    status: 'active',
    activeSince: now,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await r.tasks.create(task);
  const occurrence = '2026-01-31T08:00:00Z';
  const handler = await loadHandler(RUN_TASK);
  // As the scheduler delivers it; a continuation is delivered with its run id, as its at() would.
  const deliver = async (runId?: string) =>
    (await handler(
      { tenantId: tenant.id, taskId: task.id, occurrence, ...(runId ? { runId } : {}) },
      lambdaContext('runTask', 900),
    )) as { runs?: TaskRun[] };

  // The customers just written left garbage behind: collect it, or the run is charged for it.
  collectGarbage();
  const before = process.memoryUsage();
  const stop = memoryWatch();
  const started = performance.now();
  let invocations = 1;
  let out = await deliver();
  let last = out.runs?.at(-1);
  while (last?.status === 'continuing') {
    invocations += 1;
    out = await deliver(last.id);
    last = out.runs?.at(-1);
  }
  // Post-issue work (documents, notifications) belongs to the run's cost.
  const failures = await platform.settled();
  const seconds = (performance.now() - started) / 1000;
  const peak = stop();
  collectGarbage();
  const retainedHeap = process.memoryUsage().heapUsed - before.heapUsed;
  if (last?.status !== 'completed' || last.created !== options.customers || last.failed) {
    throw new Error(`task run did not make every document: ${JSON.stringify(last)}`);
  }
  if (failures.length) throw new Error(`post-issue work failed: ${String(failures[0]?.error)}`);
  options.log(
    `tasks: ${last.created} invoices (${mode}) in ${round(seconds)} s over ${invocations} invocation(s)`,
  );

  const again = performance.now();
  const repeat = (await deliver()).runs?.at(-1);
  const redeliverySeconds = (performance.now() - again) / 1000;
  if (repeat?.created !== 0 || repeat.skipped !== options.customers) {
    throw new Error(`a second delivery created documents: ${JSON.stringify(repeat)}`);
  }
  return {
    customers: options.customers,
    mode,
    invocations,
    seconds: round(seconds),
    documentsPerSecond: round(options.customers / seconds),
    peakRssMb: round(peak.rss / MB),
    rssGrowthMb: round((peak.rss - before.rss) / MB),
    peakHeapMb: round(peak.heapUsed / MB),
    heapRetainedMb: round(retainedHeap / MB),
    redelivery: {
      seconds: round(redeliverySeconds),
      customersPerSecond: round(options.customers / redeliverySeconds),
      created: repeat.created,
      skipped: repeat.skipped,
    },
  };
}

// Standalone run: its own platform in a temporary folder, removed afterwards.
if (import.meta.url === `file://${process.argv[1]}`) {
  const customers = Number(process.argv[2] ?? 1000);
  const mode = (process.argv[3] ?? 'create') as TaskBenchMode;
  const { startPlatform } = await import('../../packages/local/src/platform.ts');
  const { freePort } = await import('../../packages/local/src/services/ports.ts');
  const dir = mkdtempSync(join(tmpdir(), 'sello-bench-tasks-'));
  const say = (line: string) => console.log(`[bench] ${line}`);
  const platform = await startPlatform({
    dataDir: join(dir, 'data'),
    port: await freePort(),
    mailPort: await freePort(),
    schedulerIntervalMs: 0,
    log: say,
  });
  try {
    console.log(JSON.stringify(await benchTaskRun(platform, { customers, mode, log: say })));
  } finally {
    await platform.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
