/**
 * Running a policy at one occurrence: the customer's uninvoiced deposits paid before it, billed
 * exactly once. The design is tasks' (../../tasks/run/run-occurrence.ts):
 *
 * - Exactly once: each invoice's id is derived from (customer, occurrence, currency, part) and
 *   issued only if absent; its deposits are marked invoiced in the same transaction that numbers
 *   it, so no deposit is billed twice whatever runs twice, and a deposit another invoice took
 *   meanwhile (a person invoicing it by hand) is dropped and the rest billed.
 * - One pass at a time: the occurrence's lease; a second delivery meanwhile is a `duplicate` run.
 *   An occurrence a pass completed without failures is closed: a later delivery, retry or manual
 *   run makes nothing (a deposit arriving after that is the next period's). One with failures is
 *   not closed, so running it again finishes it.
 * - One invoice per period: a period's next part is only made when the previous one is full
 *   (MAX_DEPOSITS_PER_INVOICE), so a resumed pass never adds a second invoice for a deposit that
 *   arrived late: that deposit waits for the next period.
 * - Resumable: a pass that reaches its deadline saves its run and schedules a one-time
 *   continuation; a pass that died leaves its lease to expire and the next delivery goes on.
 * - Reported: when a run made or failed something, the owner gets a mail.
 */
import type { CustomerRepository } from '../../customers/customer.ts';
import type { Deposit, DepositRepository } from '../../deposits/model.ts';
import { AppError, ConflictError, NotFoundError } from '../../errors.ts';
import { MAX_DEPOSITS_PER_INVOICE } from '../../invoices/invoice-repository.ts';
import type { Invoice } from '../../invoices/model.ts';
import type { Clock } from '../../ports/clock.ts';
import type { IdGenerator } from '../../ports/ids.ts';
import type { Mailer } from '../../ports/mailer.ts';
import type { SchedulerPort } from '../../ports/scheduler.ts';
import { todayIn } from '../../shared/dates.ts';
import {
  atExpression,
  describeFailure,
  OccurrenceNotScheduledError,
  type RunBudget,
} from '../../tasks/run/run-occurrence.ts';
import { continuationName } from '../../tasks/schedule.ts';
import type { Tenant, TenantRepository } from '../../tenants/tenant.ts';
import type {
  InvoicingPolicy,
  InvoicingPolicyRepository,
  PolicyRun,
  PolicyRunRepository,
  PolicyRunTrigger,
} from '../model.ts';
import {
  deliveredPolicyOccurrence,
  isPolicyOccurrence,
  POLICY_FLEXIBLE_WINDOW_MINUTES,
  periodStart,
} from '../schedule.ts';
import { type DepositInvoicer, periodInvoiceId, takenPositions } from './invoicer.ts';
import { periodNote, policyRunReportMail } from './mail-texts.ts';

/** A run keeps this many failures with their reasons; `failed` counts all of them. */
const MAX_RECORDED_FAILURES = 100;
/** A continuation fires this long after its run stopped. */
const CONTINUE_AFTER_MS = 60_000;
/** Bounds a pass's tries (each one bills, drops a taken deposit or moves to the next part). */
const MAX_STEPS = 10_000;

export interface PolicyRunDeps {
  policies: Pick<InvoicingPolicyRepository, 'get'>;
  runs: PolicyRunRepository;
  tenants: Pick<TenantRepository, 'get'>;
  customers: Pick<CustomerRepository, 'get'>;
  deposits: Pick<DepositRepository, 'uninvoicedBefore'>;
  invoicer: DepositInvoicer;
  mailer: Mailer;
  /** For continuations (one-time schedules of the run function). */
  scheduler: SchedulerPort;
  /** Id of the triggered function that runs policies (`runInvoicingPolicy`). */
  target: string;
  clock: Clock;
  ids: IdGenerator;
  /** Deposits per invoice (the invoices area's MAX_DEPOSITS_PER_INVOICE unless a test says otherwise). */
  perInvoice?: number;
  log?: (message: string, data?: Record<string, unknown>) => void;
}

interface Pass {
  policy: InvoicingPolicy;
  tenant: Tenant;
  occurrence: Date;
  trigger: PolicyRunTrigger;
  /** Continue this run (a continuation delivery) instead of starting a new one. */
  runId?: string;
}

function engine(deps: PolicyRunDeps) {
  const log = deps.log ?? (() => {});
  const perInvoice = Math.max(1, deps.perInvoice ?? MAX_DEPOSITS_PER_INVOICE);

  async function report(pass: Pass, run: PolicyRun, customerName: string) {
    const to = pass.policy.reportTo?.length ? pass.policy.reportTo : [pass.tenant.email];
    try {
      await deps.mailer.send({
        to,
        ...policyRunReportMail(run, customerName, pass.policy.timezone, pass.tenant.language),
      });
      return to;
    } catch (error) {
      log('policy report not sent', { runId: run.id, error });
      return undefined;
    }
  }

  async function runPass(pass: Pass, budget: RunBudget): Promise<PolicyRun> {
    const { policy, tenant } = pass;
    const customerId = policy.customerId;
    const occurrence = pass.occurrence.toISOString();
    const started = deps.clock.now();
    const runId = pass.runId ?? deps.ids.next('run');
    const fresh = (): PolicyRun => ({
      id: runId,
      tenantId: tenant.id,
      customerId,
      occurrence,
      period: { from: periodStart(policy, pass.occurrence).toISOString(), to: occurrence },
      trigger: pass.trigger,
      status: 'running',
      created: 0,
      skipped: 0,
      failed: 0,
      failures: [],
      invoices: [],
      deposits: 0,
      startedAt: started.toISOString(),
      updatedAt: started.toISOString(),
    });

    const lease = await deps.runs.acquire(
      tenant.id,
      customerId,
      occurrence,
      runId,
      started.toISOString(),
      new Date(started.getTime() + budget.leaseMs).toISOString(),
    );
    if (!lease.acquired) {
      const duplicate: PolicyRun = {
        ...fresh(),
        id: pass.runId ? deps.ids.next('run') : runId,
        status: 'duplicate',
        finishedAt: started.toISOString(),
      };
      await deps.runs.put(duplicate);
      return duplicate;
    }
    if (lease.expiredOwner && lease.expiredOwner !== runId) {
      const dead = await deps.runs.get(tenant.id, customerId, occurrence, lease.expiredOwner);
      if (dead && (dead.status === 'running' || dead.status === 'continuing')) {
        await deps.runs.put({ ...dead, status: 'interrupted', updatedAt: started.toISOString() });
      }
    }
    const run: PolicyRun =
      (pass.runId
        ? await deps.runs.get(tenant.id, customerId, occurrence, pass.runId)
        : undefined) ?? fresh();
    if (lease.finishedAt) {
      // Closed by an earlier pass: nothing to make. Its invoices are the ones it listed.
      const closed: PolicyRun = { ...run, status: 'completed', finishedAt: started.toISOString() };
      await deps.runs.put(closed);
      await deps.runs.release(tenant.id, customerId, occurrence, runId);
      return closed;
    }
    run.status = 'running';
    run.updatedAt = started.toISOString();
    await deps.runs.put(run);

    const customer = await deps.customers.get(tenant.id, customerId);
    const language = customer?.language ?? tenant.language;
    const notes = periodNote(
      todayIn(policy.timezone, new Date(run.period.from)),
      todayIn(policy.timezone, new Date(pass.occurrence.getTime() - 1)),
      language,
    );
    const made: Invoice[] = [];
    const seen = new Set<string>();
    /** Deposits known invoiced in this pass: the customer's index may still list them. */
    const taken = new Set<string>();
    /** Currencies whose last part is made (not full): nothing more this period. */
    const closed = new Set<string>();
    const nextPart = new Map<string, number>();
    const fail = (message: string, depositIds?: string[]) => {
      run.failed += 1;
      if (run.failures.length < MAX_RECORDED_FAILURES) {
        run.failures.push({ message, ...(depositIds?.length ? { depositIds } : {}) });
      }
    };
    let stopped = false;

    for (let step = 0; step < MAX_STEPS; step++) {
      if (deps.clock.now().getTime() >= budget.deadline) {
        stopped = true;
        break;
      }
      const open = (await deps.deposits.uninvoicedBefore(tenant.id, customerId, occurrence)).filter(
        (d) => !taken.has(d.id) && !closed.has(d.currency),
      );
      const currency = open[0]?.currency;
      if (!currency) break;
      const part = nextPart.get(currency) ?? 0;
      const id = periodInvoiceId(customerId, pass.occurrence, currency, part);
      // No pass took this occurrence before: none of its invoices can exist (one read less).
      const found = lease.fresh ? undefined : await deps.invoicer.find(tenant.id, id);
      if (found) {
        if (!seen.has(id)) {
          seen.add(id);
          run.skipped += 1;
        }
        if (found.deposits < perInvoice) closed.add(currency);
        else nextPart.set(currency, part + 1);
        continue;
      }
      const chunk: Deposit[] = open.filter((d) => d.currency === currency).slice(0, perInvoice);
      const depositIds = chunk.map((d) => d.id);
      try {
        const invoice = await deps.invoicer.issue(tenant.id, {
          id,
          customerId,
          depositIds,
          source: { policy: customerId, occurrence },
          notes,
        });
        seen.add(id);
        made.push(invoice);
        for (const d of depositIds) taken.add(d);
        run.created += 1;
        run.deposits += depositIds.length;
        run.invoices.push({
          id: invoice.id,
          ...(invoice.number ? { number: invoice.number } : {}),
          currency,
          deposits: depositIds.length,
          total: invoice.totals.total,
        });
        if (depositIds.length < perInvoice) closed.add(currency);
        else nextPart.set(currency, part + 1);
      } catch (err) {
        if (err instanceof ConflictError) {
          const positions = takenPositions(err.errors);
          if (positions.length) {
            // Invoiced meanwhile by another invoice: drop them and bill the rest.
            for (const p of positions) if (depositIds[p]) taken.add(depositIds[p]);
            continue;
          }
          // Another pass issued this id first: the next step finds it.
          if (await deps.invoicer.find(tenant.id, id)) continue;
        }
        if (!(err instanceof AppError)) log('policy invoice failed', { runId, id, error: err });
        fail(describeFailure(err, runId), depositIds);
        closed.add(currency);
      }
    }
    if (made.length) {
      try {
        await deps.invoicer.handOver(made);
      } catch (error) {
        // Their documents are made on first read; the invoices stand.
        log('policy invoices not handed over', { runId, error });
      }
    }

    const end = deps.clock.now().toISOString();
    if (stopped) {
      const paused: PolicyRun = { ...run, status: 'continuing', updatedAt: end };
      await deps.runs.put(paused);
      try {
        await deps.scheduler.upsert({
          name: continuationName(runId),
          expression: atExpression(new Date(deps.clock.now().getTime() + CONTINUE_AFTER_MS)),
          timezone: 'UTC',
          enabled: true,
          target: deps.target,
          input: { tenantId: tenant.id, customerId, occurrence, runId },
          deleteAfterCompletion: true,
        });
      } catch (error) {
        // The lease expires; the next delivery of the occurrence (or a manual run) goes on.
        log('policy continuation not scheduled', { runId, error });
      }
      await deps.runs.release(tenant.id, customerId, occurrence, runId);
      return paused;
    }
    const finished: PolicyRun = { ...run, status: 'completed', updatedAt: end, finishedAt: end };
    if (finished.created > 0 || finished.failed > 0) {
      const reportedTo = await report(pass, finished, customer?.name ?? customerId);
      if (reportedTo) finished.reportedTo = reportedTo;
    }
    await deps.runs.put(finished);
    // Closed only when nothing failed: running it again then finishes what failed.
    await deps.runs.release(
      tenant.id,
      customerId,
      occurrence,
      runId,
      finished.failed ? undefined : end,
    );
    return finished;
  }

  async function load(tenantId: string, customerId: string) {
    const [policy, tenant] = await Promise.all([
      deps.policies.get(tenantId, customerId),
      deps.tenants.get(tenantId),
    ]);
    return { policy, tenant };
  }

  return { runPass, load };
}

/**
 * `POST /v1/customers/{id}/invoicing-policy/run`: runs one occurrence on demand through the same
 * path as the schedule. The occurrence must be one of the policy's (a local midnight it bills at,
 * after its start) and past: a period still going on is not billed early.
 */
export const runPolicyOccurrence = (deps: PolicyRunDeps) => {
  const { runPass, load } = engine(deps);
  return async (tenantId: string, customerId: string, occurrence: Date, budget: RunBudget) => {
    const { policy, tenant } = await load(tenantId, customerId);
    if (!policy || !tenant) throw new NotFoundError('Invoicing policy of customer', customerId);
    const refuse = (message: string) => {
      throw new OccurrenceNotScheduledError(message, [{ path: 'occurrence', message }]);
    };
    if (policy.kind === 'perDeposit') {
      refuse('A perDeposit policy has no occurrences: each deposit is invoiced when imported');
    }
    if (!isPolicyOccurrence(policy, occurrence)) {
      refuse(
        `Not an occurrence of the policy (${policy.kind}${policy.days ? ` ${policy.days}` : ''}, 00:00 in ${policy.timezone}, after ${policy.startDate})`,
      );
    }
    if (occurrence.getTime() > deps.clock.now().getTime()) {
      refuse('The period is not over yet');
    }
    return runPass({ policy, tenant, occurrence, trigger: 'manual' }, budget);
  };
};

export interface PolicyDelivery {
  tenantId: string;
  customerId: string;
  /** `<aws.scheduler.scheduled-time>`. */
  occurrence: Date;
  /** Set on a continuation: the run to resume. */
  runId?: string;
}

export type PolicyDeliveryOutcome =
  | { ignored: string; run?: undefined }
  | { ignored?: undefined; run: PolicyRun };

/**
 * A delivery of the policy's schedule (or of a run's continuation). Ignores, with a reason, what
 * no longer applies: a deleted policy, an instant it does not bill at (an `everyDays` schedule
 * fires at every local midnight; a changed policy). No catch-up is needed: every run bills all
 * that is still uninvoiced before its occurrence, so a missed occurrence's deposits go to the next.
 */
export const runScheduledPolicy = (deps: PolicyRunDeps) => {
  const { runPass, load } = engine(deps);
  return async (delivery: PolicyDelivery, budget: RunBudget): Promise<PolicyDeliveryOutcome> => {
    const { policy, tenant } = await load(delivery.tenantId, delivery.customerId);
    if (!policy || !tenant) return { ignored: 'no policy (deleted?)' };
    if (delivery.runId) {
      const run = await deps.runs.get(
        tenant.id,
        policy.customerId,
        delivery.occurrence.toISOString(),
        delivery.runId,
      );
      if (run && run.status !== 'continuing') {
        return { ignored: `run ${run.id} is ${run.status}` };
      }
      return {
        run: await runPass(
          {
            policy,
            tenant,
            occurrence: delivery.occurrence,
            trigger: run?.trigger ?? 'schedule',
            runId: delivery.runId,
          },
          budget,
        ),
      };
    }
    const occurrence = deliveredPolicyOccurrence(
      policy,
      delivery.occurrence,
      POLICY_FLEXIBLE_WINDOW_MINUTES,
    );
    if (!occurrence) {
      return { ignored: `the policy does not bill at ${delivery.occurrence.toISOString()}` };
    }
    return { run: await runPass({ policy, tenant, occurrence, trigger: 'schedule' }, budget) };
  };
};
