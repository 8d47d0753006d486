import { afterIssue, invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { cancelInvoice, handOverIssued, invoiceView } from '@sello/core';
import { httpHandler, logger, ok } from '@sello/http';

const cancel = cancelInvoice(invoiceDeps());
const handOver = handOverIssued(afterIssue(), logger);

export const handler = httpHandler(routes.cancelInvoice, async ({ principal, params, body }) => {
  const { original, corrective } = await cancel(
    principal.tenantId,
    params.id,
    body.reasonDescription,
  );
  await handOver([corrective]);
  return ok({ original: invoiceView(original), corrective: invoiceView(corrective) });
});
