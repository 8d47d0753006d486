import { httpHandler } from '@sello/app/http';
import { updateInvoice } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const update = updateInvoice();

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
