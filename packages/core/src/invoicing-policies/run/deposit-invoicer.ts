import { type AfterIssue, type FailureLog, handOverIssued } from '../../invoices/after-issue.ts';
import { draftInvoice } from '../../invoices/create-invoice.ts';
import type { InvoiceDeps } from '../../invoices/deps.ts';
import { issueNewInvoice } from '../../invoices/issue-invoice.ts';
import { loadParties } from '../../invoices/parties.ts';
import type { DepositInvoicer } from './invoicer.ts';

export interface DepositInvoicerDeps extends InvoiceDeps {
  /** The post-issue step (documents, notifications, webhooks), as the issue route hands over. */
  afterIssue: AfterIssue;
  log: FailureLog;
}

/**
 * A policy's invoices through the invoices area: a draft made from the deposits (their lines
 * under the customer's deposit treatment, as `POST /v1/invoices {depositIds}` makes it), issued
 * at once by `issueNewInvoice` as self-invoicing does: the numbering transaction writes it where
 * no item may exist yet (so an id made before is a ConflictError) and marks its deposits invoiced
 * (a ConflictError naming `depositIds.N` when another invoice has one). No draft is left behind.
 */
export function depositInvoicer(deps: DepositInvoicerDeps): DepositInvoicer {
  const draft = draftInvoice(deps);
  const issue = issueNewInvoice(deps);
  return {
    async issue(tenantId, bill) {
      const parties = await loadParties(deps, tenantId, bill.customerId);
      const made = await draft(
        tenantId,
        {
          id: bill.id,
          customerId: bill.customerId,
          depositIds: bill.depositIds,
          source: bill.source,
          ...(bill.notes ? { notes: bill.notes } : {}),
        },
        parties,
      );
      return issue(made, parties);
    },
    async find(tenantId, id) {
      const invoice = await deps.invoices.get(tenantId, id);
      return invoice && { invoice, deposits: invoice.deposits?.length ?? 0 };
    },
    handOver: handOverIssued(deps.afterIssue, deps.log),
  };
}
