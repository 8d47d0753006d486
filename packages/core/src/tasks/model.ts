import type { Customer } from '../customers/customer.ts';
import type { LineRequest } from '../invoices/lines.ts';
import type { PaymentMeans } from '../invoices/model.ts';
import type { Page, PageRequest } from '../shared/page.ts';

/**
 * Automatic tasks (DESIGN §1 E): one task makes one document per customer per occurrence of its
 * schedule. The task is the source of truth; the EventBridge schedule only says when to look at it.
 */

export type TaskDocumentType = 'invoice' | 'workOrder';

/** `template` keeps the lines' prices; `catalog` takes customer, tariff or catalog prices at run time. */
export type PricePolicy = 'template' | 'catalog';

export type DeliveryMode = 'create' | 'createAndSend';

/**
 * A format a task attaches when it e-mails its invoices: one whose facts say `delivery` (the
 * `FormatCatalog` port; the contracts check the ids).
 */
export type DeliveryFormat = string;

export interface TaskPaymentMethod {
  means: PaymentMeans;
  iban?: string;
  terms?: string;
  /** Due date = day the invoice is made (tenant time zone) + this many days. */
  dueInDays?: number;
}

export interface TaskTemplate {
  lines: LineRequest[];
  paymentMethod?: TaskPaymentMethod;
  series?: string;
  notes?: string;
}

/** Equipment linked to a customer (e.g. under maintenance), printed on its documents. */
export interface Asset {
  id: string;
  name: string;
  serial?: string;
}

/** A task's *when*, as the client gave it and as the scheduler runs it. */
export interface TaskSchedule {
  /** As given: an EventBridge expression or a periodicity (daily, weekly, …). */
  expression: string;
  /** IANA zone: cron() and at() are read on its wall clock, dates are its local dates. */
  timezone: string;
  /** Local wall-clock start, `YYYY-MM-DD` or `YYYY-MM-DDTHH:MM[:SS]`, inclusive. */
  startDate: string;
  /** Local end: a date alone means the whole of that day; inclusive. */
  endDate?: string;
  /** The EventBridge expression the schedule uses (a periodicity translated). */
  awsExpression: string;
  /** `startDate` and `endDate` as instants (ISO, UTC). */
  startsAt: string;
  endsAt?: string;
}

export interface TaskDelivery {
  mode: DeliveryMode;
  formats: DeliveryFormat[];
  /** Issue (number and sign) each invoice; required to send it. */
  issue: boolean;
}

export type TaskStatus = 'active' | 'paused';

export interface Task {
  id: string;
  tenantId: string;
  name: string;
  description?: string;
  documentType: TaskDocumentType;
  template: TaskTemplate;
  pricePolicy: PricePolicy;
  /** The customers, in run order. Their address and e-mail are read when each document is made. */
  customerIds: string[];
  /** Linked assets per customer id (customers carry none themselves). */
  assets?: Record<string, Asset[]>;
  schedule: TaskSchedule;
  delivery: TaskDelivery;
  /** Who gets the run report; the tenant's e-mail when absent. */
  reportTo?: string[];
  status: TaskStatus;
  /**
   * When the task last started to count occurrences: creation, the last resume or the last change
   * of schedule. Catch-up never looks before it (no back-fill before creation, none for a pause).
   */
  activeSince: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt?: string;
}

/** A task as lists show it: its customers are counted, not listed. */
export type TaskSummary = Omit<Task, 'customerIds' | 'assets'> & { customerCount: number };

export interface TaskRepository {
  /** Fails with ConflictError when the id exists. */
  create(task: Task): Promise<void>;
  /** Deleted tasks too; callers decide. */
  get(tenantId: string, id: string): Promise<Task | undefined>;
  /** Live tasks, oldest first. */
  list(tenantId: string, page: PageRequest): Promise<Page<TaskSummary>>;
  /** Writes `next` if the stored version is `next.version - 1`; else PreconditionFailedError. */
  update(next: Task): Promise<void>;
}

/** Reads customers many at a time (a task may name thousands). */
export interface CustomerDirectory {
  /** The ids among `ids` that are live customers of the tenant. */
  live(tenantId: string, ids: readonly string[]): Promise<Set<string>>;
  /** The customers (deleted ones too) among `ids`, in any order. */
  getMany(tenantId: string, ids: readonly string[]): Promise<Customer[]>;
}

// ---------------------------------------------------------------------------------------------
// Runs

/** What started a run: the schedule, a person (POST …/run), or the catch-up rule. */
export type RunTrigger = 'schedule' | 'manual' | 'catchUp';

/**
 * - `running`: in progress (or its process died: a later run of the occurrence marks it
 *   `interrupted` once its lease has expired);
 * - `continuing`: ran out of time and handed the rest to a continuation of the same run;
 * - `completed`: every customer was looked at (see `failed` for those that went wrong);
 * - `duplicate`: another run of the same occurrence held the lease; this one did nothing.
 */
export type RunStatus = 'running' | 'continuing' | 'completed' | 'duplicate' | 'interrupted';

export interface RunFailure {
  customerId: string;
  message: string;
}

/** Sums of the invoices' totals (see invoices' Totals). */
export interface RunTotals {
  net: string;
  tax: string;
  withheld: string;
  total: string;
}

/**
 * One pass over an occurrence's customers (a delivery of the schedule, a manual run or a
 * catch-up). Counts are this run's own, so a duplicate delivery shows up as a run that skipped
 * everything:
 * - `created`: documents this run made;
 * - `skipped`: customers whose document already existed (made by an earlier or concurrent run);
 *   unfinished delivery steps (issue, send) of such a document are finished by this run;
 * - `failed`: customers whose document could not be made or delivered (see `failures`).
 */
export interface TaskRun {
  id: string;
  tenantId: string;
  taskId: string;
  occurrence: string;
  trigger: RunTrigger;
  status: RunStatus;
  created: number;
  skipped: number;
  failed: number;
  /** The first failures (at most MAX_RECORDED_FAILURES); `failed` counts them all. */
  failures: RunFailure[];
  /** Sum over the invoices this run created (zero for work orders). */
  totals: RunTotals;
  /** Earlier occurrences with no completed run that the catch-up rule did not run. */
  missed?: string[];
  /** Position in the task's customer list where a continuation resumes. */
  cursor: number;
  /** Where the owner's report went, once sent. */
  reportedTo?: string[];
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
}

/** The per-occurrence lease: at most one run works on an occurrence at a time. */
export interface OccurrenceState {
  occurrence: string;
  /** The run holding the lease, until `leaseUntil`. */
  owner?: string;
  leaseUntil?: string;
  /** Set when a run finished a full pass over the customers. */
  finishedAt?: string;
  /** The run that finished it. */
  finishedBy?: string;
}

export type LeaseResult =
  | {
      acquired: true;
      /** A run whose lease had expired (it died). */
      expiredOwner?: string;
      /** No run ever took this occurrence before: none of its documents can exist yet. */
      fresh?: boolean;
    }
  | { acquired: false; owner: string };

export interface TaskRunRepository {
  /**
   * Takes the occurrence's lease for `runId` until `until` if nobody holds it, its holder's lease
   * has expired, or `runId` holds it already (a continuation). Atomic.
   */
  acquire(
    tenantId: string,
    taskId: string,
    occurrence: string,
    runId: string,
    now: string,
    until: string,
  ): Promise<LeaseResult>;
  /** Gives the lease up (if `runId` holds it); `finished` marks a completed pass. */
  release(
    tenantId: string,
    taskId: string,
    occurrence: string,
    runId: string,
    finished?: string,
  ): Promise<void>;
  /** The latest occurrence with `after <= occurrence < before` whose pass finished, if any. */
  latestFinished(
    tenantId: string,
    taskId: string,
    after: string,
    before: string,
  ): Promise<string | undefined>;
  /** Occurrence states with `from <= occurrence <= to`, ascending. */
  states(tenantId: string, taskId: string, from: string, to: string): Promise<OccurrenceState[]>;
  /** Creates or replaces a run record (its lease holder is the only writer). */
  put(run: TaskRun): Promise<void>;
  get(
    tenantId: string,
    taskId: string,
    occurrence: string,
    runId: string,
  ): Promise<TaskRun | undefined>;
  /** Newest occurrence first; within one occurrence, newest run first. */
  list(
    tenantId: string,
    taskId: string,
    page: PageRequest & { occurrence?: string },
  ): Promise<Page<TaskRun>>;
}
