import { afterIssue, invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { handOverIssued, invoiceView, issueInvoice } from '@sello/core';
import { httpHandler, logger, ok, versionEtag } from '@sello/http';

const issue = issueInvoice(invoiceDeps());
const handOver = handOverIssued(afterIssue(), logger);

export const handler = httpHandler(routes.issueInvoice, async ({ principal, params }) => {
  const invoice = await issue(principal.tenantId, params.id);
  // Signing, rendering and storing happen in processIssuedInvoices, after the answer is ready.
  await handOver([invoice]);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
