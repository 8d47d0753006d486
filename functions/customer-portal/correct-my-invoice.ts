import { correctMyInvoice } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ifMatchVersion, ok, versionEtag } from '@sello/http';

const correct = correctMyInvoice();

export const handler = httpHandler(
  routes.correctMyInvoice,
  async ({ principal, params, body, headers }) => {
    const invoice = await correct(
      principal,
      params.tenantId,
      params.id,
      body,
      ifMatchVersion(headers['if-match']),
    );
    return ok(invoiceView(invoice), { etag: versionEtag(invoice.version) });
  },
);
