import { ConflictError, PreconditionFailedError } from '../src/errors.ts';
import type { Mail, Mailer } from '../src/ports/mailer.ts';
import type { SchedulerPort, ScheduleSpec } from '../src/ports/scheduler.ts';
import type { Page, PageRequest } from '../src/shared/page.ts';
import type {
  CustomerDirectory,
  LeaseResult,
  OccurrenceState,
  Task,
  TaskRepository,
  TaskRun,
  TaskRunRepository,
  TaskSummary,
} from '../src/tasks/model.ts';
import type {
  DocumentMaker,
  MadeDocument,
  MakerFactory,
  RunScope,
} from '../src/tasks/run/makers.ts';
import type { Tenant } from '../src/tenants/tenant.ts';

/**
 * In-memory ports for the tasks' unit tests (not exported from the package). They keep the
 * contracts the use cases rely on: versioned updates, an atomic lease that expires, documents
 * created only if absent.
 */

export const aTenant = (over: Partial<Tenant> = {}): Tenant => ({
  id: 'ten_1',
  name: 'Mantenimientos Levante, S.L.',
  taxId: 'B12345674',
  taxIdKind: 'NIF' as Tenant['taxIdKind'],
  personType: 'J' as Tenant['personType'],
  email: 'owner@levante.example',
  language: 'es',
  timezone: 'Europe/Madrid',
  address: { line1: 'Calle Colón 1', city: 'Valencia', postalCode: '46004', country: 'ES' },
  createdAt: '2026-01-01T00:00:00.000Z',
  ...over,
});

export class InMemoryTasks implements TaskRepository {
  readonly items = new Map<string, Task>();
  async create(task: Task) {
    if (this.items.has(task.id)) throw new ConflictError('taken');
    this.items.set(task.id, structuredClone(task));
  }
  async get(_tenantId: string, id: string) {
    const t = this.items.get(id);
    return t && structuredClone(t);
  }
  async list(_tenantId: string, req: PageRequest): Promise<Page<TaskSummary>> {
    const live = [...this.items.values()].filter((t) => !t.deletedAt);
    return {
      items: live.slice(0, req.limit).map(({ customerIds, assets: _a, ...rest }) => ({
        ...rest,
        customerCount: customerIds.length,
      })),
    };
  }
  async update(next: Task) {
    const stored = this.items.get(next.id);
    if (!stored || stored.version !== next.version - 1) throw new PreconditionFailedError('stale');
    this.items.set(next.id, structuredClone(next));
  }
}

export class InMemoryRuns implements TaskRunRepository {
  readonly runs = new Map<string, TaskRun>();
  readonly leases = new Map<string, OccurrenceState & { taskId: string }>();
  /** Fails the n-th `put` from now on (to kill a pass mid-way), once. */
  failPutAt?: number;
  private puts = 0;

  async acquire(
    _t: string,
    taskId: string,
    occurrence: string,
    runId: string,
    now: string,
    until: string,
  ): Promise<LeaseResult> {
    const key = `${taskId}#${occurrence}`;
    const previous = this.leases.get(key);
    const state = previous ?? { taskId, occurrence };
    if (state.owner && state.owner !== runId && (state.leaseUntil ?? '') >= now) {
      return { acquired: false, owner: state.owner };
    }
    const expired = state.owner && state.owner !== runId ? state.owner : undefined;
    this.leases.set(key, { ...state, owner: runId, leaseUntil: until });
    return {
      acquired: true,
      ...(expired ? { expiredOwner: expired } : {}),
      ...(previous ? {} : { fresh: true }),
    };
  }
  async release(_t: string, taskId: string, occurrence: string, runId: string, finished?: string) {
    const key = `${taskId}#${occurrence}`;
    const state = this.leases.get(key);
    if (state?.owner !== runId) return;
    const { owner: _o, leaseUntil: _l, ...rest } = state;
    this.leases.set(key, {
      ...rest,
      ...(finished ? { finishedAt: finished, finishedBy: runId } : {}),
    });
  }
  async latestFinished(_t: string, taskId: string, after: string, before: string) {
    return [...this.leases.values()]
      .filter((s) => s.taskId === taskId && s.finishedAt)
      .map((s) => s.occurrence)
      .filter((o) => o >= after && o < before)
      .sort()
      .at(-1);
  }
  async states(_t: string, taskId: string, from: string, to: string) {
    return [...this.leases.values()]
      .filter((s) => s.taskId === taskId && s.occurrence >= from && s.occurrence <= to)
      .sort((a, b) => a.occurrence.localeCompare(b.occurrence));
  }
  async put(run: TaskRun) {
    this.puts += 1;
    if (this.failPutAt !== undefined && this.puts >= this.failPutAt) {
      this.failPutAt = undefined;
      throw new Error('the process died');
    }
    this.runs.set(`${run.taskId}#${run.occurrence}#${run.id}`, structuredClone(run));
  }
  async get(_t: string, taskId: string, occurrence: string, runId: string) {
    const r = this.runs.get(`${taskId}#${occurrence}#${runId}`);
    return r && structuredClone(r);
  }
  async list(_t: string, taskId: string, page: PageRequest & { occurrence?: string }) {
    const items = [...this.runs.values()]
      .filter((r) => r.taskId === taskId && (!page.occurrence || r.occurrence === page.occurrence))
      .sort((a, b) => `${b.occurrence}#${b.id}`.localeCompare(`${a.occurrence}#${a.id}`));
    return { items: items.slice(0, page.limit) };
  }
  all(): TaskRun[] {
    return [...this.runs.values()];
  }
}

export class InMemoryCustomers implements CustomerDirectory {
  constructor(readonly ids: Set<string>) {}
  async live(_tenantId: string, ids: readonly string[]) {
    return new Set(ids.filter((id) => this.ids.has(id)));
  }
  async getMany(): Promise<never[]> {
    throw new Error('not used by these tests');
  }
}

export class RecordingScheduler implements SchedulerPort {
  readonly specs = new Map<string, ScheduleSpec>();
  readonly removed: string[] = [];
  fail = false;
  async upsert(spec: ScheduleSpec) {
    if (this.fail) throw new Error('scheduler down');
    this.specs.set(spec.name, structuredClone(spec));
  }
  async remove(name: string) {
    this.specs.delete(name);
    this.removed.push(name);
  }
}

export class RecordingMailer implements Mailer {
  readonly sent: Mail[] = [];
  async send(mail: Mail) {
    this.sent.push(mail);
    return { messageId: `m-${this.sent.length}` };
  }
}

export interface FakeDocument extends MadeDocument {
  customerId: string;
  occurrence: string;
  createdBy: number;
}

/**
 * Documents in memory with the one guarantee a real maker gives: `create` fails when the id is
 * taken. `failFor` makes one customer's creation fail; `delayMs` keeps each creation in flight
 * (with real time) so concurrent passes interleave.
 */
export class FakeDocuments {
  readonly docs = new Map<string, FakeDocument>();
  failFor = new Set<string>();
  delayMs = 0;
  /** Advances a fake clock per customer, to reach a deadline mid-run. */
  onCreate?: () => void;
  private passes = 0;

  factory: MakerFactory = (scope: RunScope): DocumentMaker => {
    const pass = ++this.passes;
    return {
      prefix: 'inv',
      find: async (id) => this.docs.get(id),
      create: async (id, customerId) => {
        if (this.delayMs) await new Promise((ok) => setTimeout(ok, this.delayMs));
        if (this.failFor.has(customerId)) {
          throw new ConflictError(`Customer ${customerId} cannot be invoiced`);
        }
        if (this.docs.has(id)) throw new ConflictError(`${id} exists`);
        const doc: FakeDocument = {
          id,
          status: 'draft',
          totals: { net: '100.00', tax: '21.00', withheld: '0.00', total: '121.00' },
          customerId,
          occurrence: scope.occurrence.toISOString(),
          createdBy: pass,
        };
        this.docs.set(id, doc);
        this.onCreate?.();
        return doc;
      },
      complete: async (doc) => doc,
    };
  };

  of(occurrence: string) {
    return [...this.docs.values()].filter((d) => d.occurrence === occurrence);
  }
}

/** A clock the test moves; ids in creation order. */
export const movableClock = (iso: string) => {
  const clock = { at: new Date(iso), now: () => new Date(clock.at) };
  return clock;
};

export const sequentialIds = () => {
  let n = 0;
  return { next: (prefix: string) => `${prefix}_${String(++n).padStart(4, '0')}` };
};
