import { httpHandler } from '@sello/app/http';
import { issuedHandOver, issueInvoice } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok, versionEtag } from '@sello/http';

const issue = issueInvoice();
const handOver = issuedHandOver();

export const handler = httpHandler(routes.issueInvoice, async ({ principal, params }) => {
  const invoice = await issue(principal.tenantId, params.id);
  // Signing, rendering and storing happen in processIssuedInvoices, after the answer is ready.
  await handOver([invoice]);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
