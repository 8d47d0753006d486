import { httpHandler } from '@sello/app/http';
import { runInvoicingPolicyOccurrence } from '@sello/app/invoicing-policies';
import { routes } from '@sello/contracts';
import { policyRunView } from '@sello/core/invoicing-policies';
import { ok } from '@sello/http';

const run = runInvoicingPolicyOccurrence();

/** Time kept back from the function's timeout to hand the rest over and answer. */
const MARGIN_MS = 8000;

export const handler = httpHandler(
  routes.runInvoicingPolicyOccurrence,
  async ({ principal, params, body }) => {
    const timeoutMs = (routes.runInvoicingPolicyOccurrence.timeoutSeconds ?? 10) * 1000;
    const result = await run(principal.tenantId, params.id, new Date(body.occurrence), {
      deadline: Date.now() + timeoutMs - MARGIN_MS,
      leaseMs: timeoutMs + 60_000,
    });
    return ok(policyRunView(result), result.status === 'continuing' ? { status: 202 } : {});
  },
);
