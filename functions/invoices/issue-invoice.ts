import { invoiceDeps } from '@sello/aws';
import { documentServices } from '@sello/aws/documents';
import { routes } from '@sello/contracts';
import { invoiceView, issueInvoice, storeNewDocuments } from '@sello/core';
import { httpHandler, logger, ok, versionEtag } from '@sello/http';

const issue = issueInvoice(invoiceDeps());
const documents = documentServices();

export const handler = httpHandler(routes.issueInvoice, async ({ principal, params }) => {
  const invoice = await issue(principal.tenantId, params.id);
  // The number is already committed; storing the documents now is an optimisation. If it fails,
  // the first download regenerates them from the frozen invoice.
  await storeNewDocuments(documents, invoice).catch((error: Error) =>
    logger.warn('documents not stored at issue; they will be made on first download', { error }),
  );
  return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
});
