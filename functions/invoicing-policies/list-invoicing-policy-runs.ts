import { httpHandler } from '@sello/app/http';
import { listInvoicingPolicyRuns } from '@sello/app/invoicing-policies';
import { routes } from '@sello/contracts';
import { policyRunView } from '@sello/core/invoicing-policies';
import { ok } from '@sello/http';

const list = listInvoicingPolicyRuns();

export const handler = httpHandler(
  routes.listInvoicingPolicyRuns,
  async ({ principal, params, query }) => {
    const runs = await list(principal.tenantId, params.id, query);
    return ok({ ...runs, items: runs.items.map(policyRunView) });
  },
);
