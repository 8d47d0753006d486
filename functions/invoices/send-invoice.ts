import { repositories } from '@sello/aws';
import { invokedDocuments, mailer } from '@sello/aws/documents';
import { routes } from '@sello/contracts';
import { invoiceView, sendInvoice, systemClock } from '@sello/core';
import { httpHandler, ok, versionEtag } from '@sello/http';

const send = sendInvoice({
  invoices: repositories().invoices,
  documents: invokedDocuments,
  mailer: mailer(),
  clock: systemClock,
});

export const handler = httpHandler(routes.sendInvoice, async ({ principal, params, body }) => {
  const invoice = await send(principal.tenantId, params.id, body.to);
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
