import { invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { invoiceView, updateInvoice } from '@sello/core';
import { httpHandler, ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateInvoice(invoiceDeps());

export const handler = httpHandler(
  routes.updateInvoice,
  async ({ principal, params, body, headers }) => {
    const invoice = await update(
      principal.tenantId,
      params.id,
      body,
      ifMatchVersion(headers['if-match']),
    );
    return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
  },
);
