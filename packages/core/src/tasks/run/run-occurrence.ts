/**
 * Running a task at one occurrence: one document per customer, exactly once.
 *
 * - Exactly once: each document's id is derived from (task, occurrence, customer) and created only
 *   if absent, so whatever runs twice — a duplicate delivery, a Lambda retry, two people pressing
 *   "run", a continuation racing a catch-up — finds the document made and makes nothing twice.
 * - One pass at a time: a run takes the occurrence's lease first; a second delivery arriving
 *   meanwhile is recorded as a `duplicate` run and does nothing. The lease only saves work (and
 *   keeps e-mails single); correctness does not rest on it.
 * - Resumable: a run that reaches its deadline stops starting customers, saves where it is and
 *   schedules a one-time continuation of itself a minute later (the same run resumes at its
 *   cursor). A run that died simply left its documents: the next pass skips them and finishes
 *   their delivery steps.
 * - Isolated failures: a customer that fails is counted and listed; the others go on.
 * - Reported: when a run made or failed something, the owner gets a mail (`reportTo`, else the
 *   tenant's address) with counts, amounts, failures and missed occurrences.
 */
import { AppError, NotFoundError } from '../../errors.ts';
import { Dec } from '../../money/decimal.ts';
import type { Clock } from '../../ports/clock.ts';
import type { IdGenerator } from '../../ports/ids.ts';
import type { Mailer } from '../../ports/mailer.ts';
import type { SchedulerPort } from '../../ports/scheduler.ts';
import type { Tenant, TenantRepository } from '../../tenants/tenant.ts';
import { taskDocumentId } from '../document-id.ts';
import type {
  RunFailure,
  RunTotals,
  RunTrigger,
  Task,
  TaskDocumentType,
  TaskRepository,
  TaskRun,
  TaskRunRepository,
} from '../model.ts';
import {
  continuationName,
  deliveredOccurrence,
  FLEXIBLE_WINDOW_MINUTES,
  firesAt,
  occurrencesBefore,
} from '../schedule.ts';
import { runReportMail } from './mail-texts.ts';
import type { MadeDocument, MakerFactory } from './makers.ts';

export interface RunDeps {
  tasks: Pick<TaskRepository, 'get'>;
  runs: TaskRunRepository;
  tenants: Pick<TenantRepository, 'get'>;
  makers: Record<TaskDocumentType, MakerFactory>;
  mailer: Mailer;
  /** For continuations (one-time schedules of the run function). */
  scheduler: SchedulerPort;
  /** Id of the triggered function that runs tasks (`runTask`). */
  target: string;
  clock: Clock;
  ids: IdGenerator;
  /** Customers worked on at once. Default 8. */
  concurrency?: number;
  /** Progress is saved after this many customers (or SAVE_EVERY_MS), whichever comes first. */
  progressEvery?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

/** How long a pass may go on and hold its occurrence. */
export interface RunBudget {
  /** Epoch ms after which no customer is started; the rest goes to a continuation. */
  deadline: number;
  /** How long the lease lasts: longer than the function can live, so a live pass keeps it. */
  leaseMs: number;
}

/** A run keeps this many failures with their reasons; `failed` counts all of them. */
export const MAX_RECORDED_FAILURES = 100;
/** Earlier occurrences a scheduled run catches up (the latest ones without a finished run). */
export const CATCH_UP = 3;
/** How far back missed occurrences are looked for, in occurrences. */
export const MISSED_LOOKBACK = 1000;
/** A continuation fires this long after its run stopped. */
const CONTINUE_AFTER_MS = 60_000;
/** Progress is saved at most this often (for GET …/runs while a long run goes on). */
const SAVE_EVERY_MS = 2000;

const ZERO_TOTALS: RunTotals = { net: '0.00', tax: '0.00', withheld: '0.00', total: '0.00' };

/** What a failure says: domain errors in full, anything else without internals. */
export function describeFailure(err: unknown, runId: string): string {
  if (err instanceof AppError) {
    const fields = err.errors.map((e) => `${e.path}: ${e.message}`).join('; ');
    return fields && !err.message.includes(fields) ? `${err.message} (${fields})` : err.message;
  }
  return `Unexpected error (see the logs of ${runId})`;
}

/** A one-time schedule at `at` (UTC), as continuations use. */
export const atExpression = (at: Date) => `at(${at.toISOString().slice(0, 19)})`;

type Outcome =
  | { kind: 'created'; doc: MadeDocument }
  | { kind: 'skipped' }
  | { kind: 'failed'; message: string };

interface Pass {
  task: Task;
  tenant: Tenant;
  occurrence: Date;
  trigger: RunTrigger;
  /** Continue this run (a continuation delivery) instead of starting a new one. */
  runId?: string;
  missed?: string[];
}

/** The engine shared by scheduled deliveries, continuations, catch-up and manual runs. */
function engine(deps: RunDeps) {
  const log = deps.log ?? (() => {});
  const concurrency = Math.max(1, deps.concurrency ?? 8);
  const progressEvery = Math.max(1, deps.progressEvery ?? 500);

  async function customerOutcome(
    maker: ReturnType<MakerFactory>,
    pass: Pass,
    customerId: string,
    runId: string,
    fresh: boolean,
  ): Promise<Outcome> {
    const id = taskDocumentId(maker.prefix, pass.task.id, pass.occurrence, customerId);
    let doc: MadeDocument | undefined;
    let created = false;
    try {
      // The first pass of an occurrence goes straight to "create if absent" (one read less).
      doc = fresh ? undefined : await maker.find(id);
      if (!doc) {
        try {
          doc = await maker.create(id, customerId);
          created = true;
        } catch (err) {
          // Lost a race for the id: the document exists, made by another pass.
          doc = await maker.find(id);
          if (!doc) throw err;
        }
      }
      const done = await maker.complete(doc);
      return created ? { kind: 'created', doc: done } : { kind: 'skipped' };
    } catch (err) {
      if (!(err instanceof AppError))
        log('task customer failed', { runId, customerId, error: err });
      const message = describeFailure(err, runId);
      return { kind: 'failed', message: created ? `${id} was created; then: ${message}` : message };
    }
  }

  async function report(pass: Pass, run: TaskRun): Promise<string[] | undefined> {
    const to = pass.task.reportTo?.length ? pass.task.reportTo : [pass.tenant.email];
    const mail = runReportMail(pass.task, run, pass.tenant.language);
    try {
      await deps.mailer.send({ to, ...mail });
      return to;
    } catch (error) {
      log('task report not sent', { runId: run.id, error });
      return undefined;
    }
  }

  /** One pass over the occurrence's customers (or what is left of them, for a continuation). */
  async function runPass(pass: Pass, budget: RunBudget): Promise<TaskRun> {
    const { task, tenant } = pass;
    const occurrence = pass.occurrence.toISOString();
    const started = deps.clock.now();
    const runId = pass.runId ?? deps.ids.next('run');
    const fresh = (): TaskRun => ({
      id: runId,
      tenantId: tenant.id,
      taskId: task.id,
      occurrence,
      trigger: pass.trigger,
      status: 'running',
      created: 0,
      skipped: 0,
      failed: 0,
      failures: [],
      totals: { ...ZERO_TOTALS },
      ...(pass.missed?.length ? { missed: pass.missed } : {}),
      cursor: 0,
      startedAt: started.toISOString(),
      updatedAt: started.toISOString(),
    });

    const lease = await deps.runs.acquire(
      tenant.id,
      task.id,
      occurrence,
      runId,
      started.toISOString(),
      new Date(started.getTime() + budget.leaseMs).toISOString(),
    );
    if (!lease.acquired) {
      // Its own id: a continuation's id belongs to the run it continues.
      const duplicate: TaskRun = {
        ...fresh(),
        id: pass.runId ? deps.ids.next('run') : runId,
        status: 'duplicate',
        finishedAt: started.toISOString(),
      };
      await deps.runs.put(duplicate);
      log('task occurrence already running', { runId, owner: lease.owner, occurrence });
      return duplicate;
    }
    if (lease.expiredOwner && lease.expiredOwner !== runId) {
      const dead = await deps.runs.get(tenant.id, task.id, occurrence, lease.expiredOwner);
      if (dead && (dead.status === 'running' || dead.status === 'continuing')) {
        await deps.runs.put({ ...dead, status: 'interrupted', updatedAt: started.toISOString() });
      }
    }

    const run: TaskRun =
      (pass.runId ? await deps.runs.get(tenant.id, task.id, occurrence, pass.runId) : undefined) ??
      fresh();
    run.status = 'running';
    run.updatedAt = started.toISOString();
    await deps.runs.put(run);

    const maker = deps.makers[task.documentType]({ task, tenant, occurrence: pass.occurrence });
    const sums = {
      net: new Dec(run.totals.net),
      tax: new Dec(run.totals.tax),
      withheld: new Dec(run.totals.withheld),
      total: new Dec(run.totals.total),
    };
    const customers = task.customerIds;
    let next = run.cursor;
    const inFlight = new Set<number>();
    let stopped = false;
    let lastSave = Date.now();
    let sinceSave = 0;
    let saving: Promise<void> = Promise.resolve();

    const snapshot = (): TaskRun => ({
      ...run,
      cursor: Math.min(next, ...inFlight),
      totals: {
        net: sums.net.toFixed(2),
        tax: sums.tax.toFixed(2),
        withheld: sums.withheld.toFixed(2),
        total: sums.total.toFixed(2),
      },
      failures: [...run.failures],
      updatedAt: deps.clock.now().toISOString(),
    });

    const record = (customerId: string, outcome: Outcome) => {
      if (outcome.kind === 'created') {
        run.created += 1;
        const t = outcome.doc.totals;
        if (t) {
          sums.net = sums.net.plus(t.net);
          sums.tax = sums.tax.plus(t.tax);
          sums.withheld = sums.withheld.plus(t.withheld);
          sums.total = sums.total.plus(t.total);
        }
      } else if (outcome.kind === 'skipped') {
        run.skipped += 1;
      } else {
        run.failed += 1;
        const failure: RunFailure = { customerId, message: outcome.message };
        if (run.failures.length < MAX_RECORDED_FAILURES) run.failures.push(failure);
      }
    };

    const worker = async () => {
      while (next < customers.length) {
        if (deps.clock.now().getTime() >= budget.deadline) {
          stopped = true;
          return;
        }
        const index = next++;
        inFlight.add(index);
        const customerId = customers[index] as string;
        const outcome = await customerOutcome(maker, pass, customerId, runId, !!lease.fresh);
        inFlight.delete(index);
        record(customerId, outcome);
        if (++sinceSave >= progressEvery || Date.now() - lastSave >= SAVE_EVERY_MS) {
          lastSave = Date.now();
          sinceSave = 0;
          const progress = snapshot();
          saving = saving.then(() => deps.runs.put(progress));
          await saving;
        }
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    await saving;
    await maker.flush?.();

    const end = deps.clock.now().toISOString();
    if (stopped && next < customers.length) {
      const paused: TaskRun = { ...snapshot(), status: 'continuing' };
      await deps.runs.put(paused);
      const at = new Date(deps.clock.now().getTime() + CONTINUE_AFTER_MS);
      try {
        await deps.scheduler.upsert({
          name: continuationName(runId),
          expression: atExpression(at),
          timezone: 'UTC',
          enabled: true,
          target: deps.target,
          input: { tenantId: tenant.id, taskId: task.id, occurrence, runId },
          deleteAfterCompletion: true,
        });
      } catch (error) {
        // The next scheduled occurrence catches the unfinished one up (see runScheduledTask).
        log('task continuation not scheduled', { runId, error });
      }
      await deps.runs.release(tenant.id, task.id, occurrence, runId);
      return paused;
    }

    const finished: TaskRun = {
      ...snapshot(),
      cursor: customers.length,
      status: 'completed',
      finishedAt: end,
    };
    if (finished.created > 0 || finished.failed > 0 || finished.missed?.length) {
      const reportedTo = await report(pass, finished);
      if (reportedTo) finished.reportedTo = reportedTo;
    }
    await deps.runs.put(finished);
    await deps.runs.release(tenant.id, task.id, occurrence, runId, end);
    return finished;
  }

  async function load(tenantId: string, taskId: string) {
    const [task, tenant] = await Promise.all([
      deps.tasks.get(tenantId, taskId),
      deps.tenants.get(tenantId),
    ]);
    return { task: task && !task.deletedAt ? task : undefined, tenant };
  }

  return { runPass, load };
}

/** An occurrence the task's schedule does not have: the request is well-formed but cannot run. */
export class OccurrenceNotScheduledError extends AppError {
  readonly code = 'unprocessable';
}

/**
 * `POST /v1/tasks/{id}/run`: runs one occurrence on demand through the same path as the schedule.
 * The occurrence must be an instant at which the schedule fires within its start/end window —
 * past or future — else OccurrenceNotScheduledError (422). A paused task runs too: asking is
 * explicit. No catch-up.
 */
export const runTaskOccurrence = (deps: RunDeps) => {
  const { runPass, load } = engine(deps);
  return async (tenantId: string, taskId: string, occurrence: Date, budget: RunBudget) => {
    const { task, tenant } = await load(tenantId, taskId);
    if (!task || !tenant) throw new NotFoundError('Task', taskId);
    if (!firesAt(task.schedule, occurrence)) {
      const message = `The schedule (${task.schedule.awsExpression}, ${task.schedule.timezone}) does not fire at ${occurrence.toISOString()} within its start and end dates`;
      throw new OccurrenceNotScheduledError(message, [{ path: 'occurrence', message }]);
    }
    return runPass({ task, tenant, occurrence, trigger: 'manual' }, budget);
  };
};

export interface ScheduledDelivery {
  tenantId: string;
  taskId: string;
  /** `<aws.scheduler.scheduled-time>`. */
  occurrence: Date;
  /** Set on a continuation: the run to resume. */
  runId?: string;
}

export type ScheduledOutcome =
  | { ignored: string; runs: [] }
  | { ignored?: undefined; runs: TaskRun[] };

/**
 * A delivery of the task's schedule (or of a run's continuation). Ignores, with a reason, what no
 * longer applies: a deleted or paused task, an instant its current schedule does not have.
 *
 * The catch-up rule: before running the delivered occurrence, look at the occurrences since the
 * later of the last one that finished a run and `activeSince` (creation, last resume, last
 * schedule change). Those without a finished run and not being run now are pending; the latest
 * CATCH_UP of them are run first, oldest first (trigger `catchUp`), and the older ones are only
 * reported (`missed` on the run and in the owner's mail) — run them with POST …/run if wanted.
 * Each is looked at once: the next delivery starts after this one, which finishes.
 */
export const runScheduledTask = (deps: RunDeps) => {
  const { runPass, load } = engine(deps);
  return async (delivery: ScheduledDelivery, budget: RunBudget): Promise<ScheduledOutcome> => {
    const { task, tenant } = await load(delivery.tenantId, delivery.taskId);
    if (!task || !tenant) return { ignored: 'no such task (deleted?)', runs: [] };
    if (delivery.runId) {
      const run = await deps.runs.get(
        tenant.id,
        task.id,
        delivery.occurrence.toISOString(),
        delivery.runId,
      );
      // A repeated continuation of a run that has moved on since does nothing.
      if (run && run.status !== 'continuing') {
        return { ignored: `run ${run.id} is ${run.status}`, runs: [] };
      }
      const trigger = run?.trigger ?? 'schedule';
      return {
        runs: [
          await runPass(
            { task, tenant, occurrence: delivery.occurrence, trigger, runId: delivery.runId },
            budget,
          ),
        ],
      };
    }
    if (task.status === 'paused') return { ignored: 'the task is paused', runs: [] };
    const occurrence = deliveredOccurrence(
      task.schedule,
      delivery.occurrence,
      FLEXIBLE_WINDOW_MINUTES,
    );
    if (!occurrence) {
      return {
        ignored: `the schedule no longer fires at ${delivery.occurrence.toISOString()}`,
        runs: [],
      };
    }
    const { catchUp, missed } = await pending(task, occurrence);
    const runs: TaskRun[] = [];
    for (const earlier of catchUp) {
      runs.push(await runPass({ task, tenant, occurrence: earlier, trigger: 'catchUp' }, budget));
    }
    runs.push(
      await runPass(
        {
          task,
          tenant,
          occurrence,
          trigger: 'schedule',
          ...(missed.length ? { missed: missed.map((m) => m.toISOString()) } : {}),
        },
        budget,
      ),
    );
    return { runs };
  };

  async function pending(task: Task, occurrence: Date) {
    const activeSince = new Date(task.activeSince);
    if (occurrence <= activeSince) return { catchUp: [], missed: [] };
    const now = deps.clock.now().toISOString();
    const lastFinished = await deps.runs.latestFinished(
      task.tenantId,
      task.id,
      activeSince.toISOString(),
      occurrence.toISOString(),
    );
    const since = lastFinished ? new Date(new Date(lastFinished).getTime() + 1) : activeSince;
    const earlier = occurrencesBefore(task.schedule, occurrence, since, MISSED_LOOKBACK);
    if (!earlier.length) return { catchUp: [], missed: [] };
    const states = await deps.runs.states(
      task.tenantId,
      task.id,
      (earlier[0] as Date).toISOString(),
      (earlier.at(-1) as Date).toISOString(),
    );
    const busy = new Set(
      states
        .filter((s) => s.finishedAt || (s.leaseUntil && s.leaseUntil > now))
        .map((s) => s.occurrence),
    );
    const open = earlier.filter((o) => !busy.has(o.toISOString()));
    return { catchUp: open.slice(-CATCH_UP), missed: open.slice(0, -CATCH_UP) };
  }
};
