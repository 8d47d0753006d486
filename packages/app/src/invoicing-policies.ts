import { triggered } from '@sello/contracts';
import type { DepositInvoicer, PolicyRunDeps } from '@sello/core/invoicing-policies';
import * as core from '@sello/core/invoicing-policies';
import { systemClock, ulidIds } from '@sello/core/ports';
import { logger } from '@sello/http';
import { afterIssue, invoiceDeps } from './invoices.ts';
import { invoker } from './invoker.ts';
import { mailer } from './mail.ts';
import { repositories } from './repositories.ts';
import { taskScheduler } from './scheduler.ts';

/** The policies' operations, each on what it needs. Schedules go where tasks' go. */
const r = () => repositories();

const policyDeps = (): core.PolicyDeps => ({
  policies: r().invoicingPolicies,
  customers: r().customers,
  scheduler: taskScheduler,
  target: triggered.runInvoicingPolicy.id,
  clock: systemClock,
});

/** Invoices made from deposits through the invoices area (see `depositInvoicer`). */
const invoicer = (): DepositInvoicer =>
  core.depositInvoicer({ ...invoiceDeps(), afterIssue: afterIssue(), log: logger });

/** What running a policy needs: deposits, the invoices area, mail and the scheduler. */
export function policyRunDeps(): PolicyRunDeps {
  return {
    policies: r().invoicingPolicies,
    runs: r().policyRuns,
    tenants: r().tenants,
    customers: r().customers,
    deposits: r().deposits,
    invoicer: invoicer(),
    mailer: mailer(),
    scheduler: taskScheduler,
    target: triggered.runInvoicingPolicy.id,
    clock: systemClock,
    ids: ulidIds,
    log: (message, data) => logger.warn(message, data ?? {}),
  };
}

export const putInvoicingPolicy = () => core.putInvoicingPolicy(policyDeps());

export const getInvoicingPolicy = () => core.getInvoicingPolicy(policyDeps());

export const deleteInvoicingPolicy = () => core.deleteInvoicingPolicy(policyDeps());

export const listInvoicingPolicyRuns = () =>
  core.listPolicyRuns({ policies: r().invoicingPolicies, runs: r().policyRuns });

/** An occurrence run on request (POST /v1/customers/{id}/invoicing-policy/run). */
export const runInvoicingPolicyOccurrence = () => core.runPolicyOccurrence(policyRunDeps());

/** A scheduled occurrence (EventBridge Scheduler's target), resumable. */
export const runInvoicingPolicy = () => core.runScheduledPolicy(policyRunDeps());

/** `perDeposit`: the deposits an import handed over, one invoice each. */
export const invoicePolicyDeposits = () =>
  core.invoicePolicyDeposits({
    policies: r().invoicingPolicies,
    deposits: r().deposits,
    tenants: r().tenants,
    invoicer: invoicer(),
    mailer: mailer(),
    ids: ulidIds,
    log: (message, data) => logger.warn(message, data ?? {}),
  });

/** After an import: hands the new deposits of `perDeposit` customers to be invoiced. */
export const handOverPerDeposit = () =>
  core.handOverPerDeposit({
    policies: r().invoicingPolicies,
    handOver: (event) => invoker().handOver(triggered.invoicePolicyDeposits.id, event),
  });
