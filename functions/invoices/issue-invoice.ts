import { invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { invoiceView, issueInvoice } from '@sello/core';
import { httpHandler, ok, versionEtag } from '@sello/http';

const issue = issueInvoice(invoiceDeps());

export const handler = httpHandler(routes.issueInvoice, async ({ principal, params }) => {
  const invoice = await issue(principal.tenantId, params.id);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
