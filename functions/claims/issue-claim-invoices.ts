import { issueClaimInvoices, issuedHandOver } from '@sello/app/claim-billing';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { claimView } from '@sello/core/claims';
import { invoiceView } from '@sello/core/invoices';
import { ok } from '@sello/http';

const issue = issueClaimInvoices();
const handOver = issuedHandOver();

export const handler = httpHandler(routes.issueClaimInvoices, async ({ principal, params }) => {
  const { insurer, insured, claim, issued } = await issue(principal.tenantId, params.id);
  // Signing, rendering and storing happen in processIssuedInvoices, after the answer is ready.
  if (issued.length) await handOver(issued);
  return ok({
    insurer: invoiceView(insurer),
    ...(insured ? { insured: invoiceView(insured) } : {}),
    claim: claimView(claim),
  });
});
