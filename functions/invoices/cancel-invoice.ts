import { invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { cancelInvoice, invoiceView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const cancel = cancelInvoice(invoiceDeps());

export const handler = httpHandler(routes.cancelInvoice, async ({ principal, params, body }) => {
  const { original, corrective } = await cancel(
    principal.tenantId,
    params.id,
    body.reasonDescription,
  );
  return ok({ original: invoiceView(original), corrective: invoiceView(corrective) });
});
