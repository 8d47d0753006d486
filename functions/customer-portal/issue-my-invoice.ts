import { issueMyInvoice } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok, versionEtag } from '@sello/http';

const issue = issueMyInvoice();

export const handler = httpHandler(routes.issueMyInvoice, async ({ principal, params }) => {
  const invoice = await issue(principal, params.tenantId, params.id);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
