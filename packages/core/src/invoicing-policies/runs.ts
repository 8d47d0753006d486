import { NotFoundError } from '../errors.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { InvoicingPolicyRepository, PolicyRun, PolicyRunRepository } from './model.ts';

/** The runs of a customer's policy, newest occurrence first (404 without a policy). */
export const listPolicyRuns =
  (deps: { policies: Pick<InvoicingPolicyRepository, 'get'>; runs: PolicyRunRepository }) =>
  async (tenantId: string, customerId: string, page: PageRequest): Promise<Page<PolicyRun>> => {
    if (!(await deps.policies.get(tenantId, customerId))) {
      throw new NotFoundError('Invoicing policy of customer', customerId);
    }
    return deps.runs.list(tenantId, customerId, page);
  };

/** What clients see of a run, in a stable field order. */
export function policyRunView(r: PolicyRun) {
  return {
    id: r.id,
    customerId: r.customerId,
    occurrence: r.occurrence,
    period: r.period,
    trigger: r.trigger,
    status: r.status,
    created: r.created,
    skipped: r.skipped,
    failed: r.failed,
    failures: r.failures,
    invoices: r.invoices,
    deposits: r.deposits,
    ...(r.reportedTo ? { reportedTo: r.reportedTo } : {}),
    startedAt: r.startedAt,
    updatedAt: r.updatedAt,
    ...(r.finishedAt ? { finishedAt: r.finishedAt } : {}),
  };
}
