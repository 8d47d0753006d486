import { runInvoicingPolicy } from '@sello/app/invoicing-policies';
import { RunInvoicingPolicyEvent, triggered } from '@sello/contracts';
import { policyRunView } from '@sello/core/invoicing-policies';
import { jobHandler, logger } from '@sello/http';

const run = runInvoicingPolicy();

/** Time kept back from the timeout to save the run and schedule its continuation. */
const MARGIN_MS = 60_000;

export const handler = jobHandler(
  triggered.runInvoicingPolicy,
  RunInvoicingPolicyEvent,
  async (event, context) => {
    const remaining = context.getRemainingTimeInMillis();
    const outcome = await run(
      {
        tenantId: event.tenantId,
        customerId: event.customerId,
        occurrence: new Date(event.occurrence),
        ...(event.runId ? { runId: event.runId } : {}),
      },
      {
        deadline: Date.now() + Math.max(remaining - MARGIN_MS, remaining / 2),
        leaseMs: remaining + 60_000,
      },
    );
    // An everyDays schedule fires at every local midnight: most deliveries are not occurrences.
    if (!outcome.run) return { ignored: outcome.ignored };
    const { id, occurrence, status, created, skipped, failed, deposits } = outcome.run;
    logger.info('invoicing policy ran', {
      customerId: event.customerId,
      run: { id, occurrence, status, created, skipped, failed, deposits },
    });
    return { run: policyRunView(outcome.run) };
  },
);
