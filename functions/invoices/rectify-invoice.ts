import { invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { invoiceView, rectifyInvoice } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const rectify = rectifyInvoice(invoiceDeps());

export const handler = httpHandler(routes.rectifyInvoice, async ({ principal, params, body }) => {
  const { original, corrective } = await rectify(principal.tenantId, params.id, body);
  return ok({ original: invoiceView(original), corrective: invoiceView(corrective) });
});
