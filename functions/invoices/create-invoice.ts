import { httpHandler } from '@sello/app/http';
import { createInvoice } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { created, versionEtag } from '@sello/http';

const create = createInvoice();

export const handler = httpHandler(routes.createInvoice, async ({ principal, body }) => {
  const invoice = await create(principal.tenantId, {
    ...body,
    // A staff member's own centre is the draft's unless it names one.
    ...(principal.kind === 'staff' ? { staffUserId: principal.userId } : {}),
  });
  return created(invoiceView(invoice), `/v1/invoices/${invoice.id}`, versionEtag(invoice.version));
});
