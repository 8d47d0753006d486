import { afterIssue, invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { handOverIssued, invoiceView, rectifyInvoice } from '@sello/core';
import { httpHandler, logger, ok } from '@sello/http';

const rectify = rectifyInvoice(invoiceDeps());
const handOver = handOverIssued(afterIssue(), logger);

export const handler = httpHandler(routes.rectifyInvoice, async ({ principal, params, body }) => {
  const { original, corrective } = await rectify(principal.tenantId, params.id, body);
  await handOver([corrective]);
  return ok({ original: invoiceView(original), corrective: invoiceView(corrective) });
});
