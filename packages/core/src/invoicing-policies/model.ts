import type { Page, PageRequest } from '../shared/page.ts';
import type { LeaseResult, RunStatus } from '../tasks/model.ts';

/**
 * Automatic invoicing of a customer's prepaid deposits (issue 13, item 3): one policy per
 * customer account. `monthly` bills on the 1st of each month at 00:00 in the policy's time zone;
 * `everyDays` every 7, 15 or 21 days from its start day, at 00:00 there; `perDeposit` bills each
 * deposit when it is imported. A scheduled run bills every deposit of the customer still
 * uninvoiced and paid before its occurrence, so a deposit a run missed (it arrived late, or while
 * the run went on) is billed by the next one: in its period or the next, never both, never neither.
 */
export const POLICY_KINDS = ['monthly', 'perDeposit', 'everyDays'] as const;
export type PolicyKind = (typeof POLICY_KINDS)[number];

/** The cycles an `everyDays` policy may have. */
export const POLICY_DAYS = [7, 15, 21] as const;
export type PolicyDays = (typeof POLICY_DAYS)[number];

/** What a client sends (`PUT /v1/customers/{id}/invoicing-policy`). */
export interface InvoicingPolicyInput {
  kind: PolicyKind;
  /** `everyDays` only. */
  days?: PolicyDays;
  /** IANA zone: occurrences are its local midnights. */
  timezone: string;
  /**
   * Local day (YYYY-MM-DD) the policy starts counting from: the first period begins at its
   * 00:00, and an `everyDays` cycle is anchored on it. Today in `timezone` when not given.
   */
  startDate?: string;
  /** Who gets the run reports; the tenant's e-mail when absent. */
  reportTo?: string[];
}

export interface InvoicingPolicy {
  tenantId: string;
  /** The account (customer) the policy bills; one policy per customer. */
  customerId: string;
  kind: PolicyKind;
  days?: PolicyDays;
  timezone: string;
  startDate: string;
  /** `startDate` 00:00 in `timezone`, as an instant: no occurrence is at or before it. */
  startsAt: string;
  reportTo?: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface InvoicingPolicyRepository {
  get(tenantId: string, customerId: string): Promise<InvoicingPolicy | undefined>;
  /** The policies of those customers that have one, in any order. */
  getMany(tenantId: string, customerIds: readonly string[]): Promise<InvoicingPolicy[]>;
  /** Creates or replaces the customer's policy. */
  put(policy: InvoicingPolicy): Promise<void>;
  /** Whether there was one to delete. */
  delete(tenantId: string, customerId: string): Promise<boolean>;
}

// ---------------------------------------------------------------------------------------------
// Runs

/** What started a run: the schedule (or a continuation of its run) or a person (POST …/run). */
export type PolicyRunTrigger = 'schedule' | 'manual';

/** An invoice a run made. */
export interface PolicyRunInvoice {
  id: string;
  number?: string;
  currency: string;
  /** Deposits it bills. */
  deposits: number;
  total: string;
}

export interface PolicyRunFailure {
  message: string;
  /** The deposits it was about, when it was about some. */
  depositIds?: string[];
}

/**
 * One pass over an occurrence of a policy (statuses as tasks' runs: `running`, `continuing`,
 * `completed`, `duplicate`, `interrupted`):
 * - `created`: invoices this run issued (listed in `invoices`);
 * - `skipped`: invoices of the occurrence found already made (by an earlier or concurrent pass);
 * - `failed`: invoices that could not be made (see `failures`).
 */
export interface PolicyRun {
  id: string;
  tenantId: string;
  customerId: string;
  occurrence: string;
  /** The period the occurrence closes: [from, to), `to` being the occurrence. */
  period: { from: string; to: string };
  trigger: PolicyRunTrigger;
  status: RunStatus;
  created: number;
  skipped: number;
  failed: number;
  failures: PolicyRunFailure[];
  invoices: PolicyRunInvoice[];
  /** Deposits billed by the invoices this run made. */
  deposits: number;
  reportedTo?: string[];
  startedAt: string;
  updatedAt: string;
  finishedAt?: string;
}

/** The occurrence lease of a policy, as tasks' (`LeaseResult`), and whether a pass finished it. */
export type PolicyLease =
  | (Extract<LeaseResult, { acquired: true }> & { finishedAt?: string })
  | Extract<LeaseResult, { acquired: false }>;

export interface PolicyRunRepository {
  /** Takes the occurrence's lease for `runId` (see TaskRunRepository.acquire). Atomic. */
  acquire(
    tenantId: string,
    customerId: string,
    occurrence: string,
    runId: string,
    now: string,
    until: string,
  ): Promise<PolicyLease>;
  /** Gives the lease up (if `runId` holds it); `finished` marks the occurrence done. */
  release(
    tenantId: string,
    customerId: string,
    occurrence: string,
    runId: string,
    finished?: string,
  ): Promise<void>;
  put(run: PolicyRun): Promise<void>;
  get(
    tenantId: string,
    customerId: string,
    occurrence: string,
    runId: string,
  ): Promise<PolicyRun | undefined>;
  /** Newest occurrence first. */
  list(tenantId: string, customerId: string, page: PageRequest): Promise<Page<PolicyRun>>;
}
