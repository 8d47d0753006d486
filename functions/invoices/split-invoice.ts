import { afterIssue, invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { handOverIssued, invoiceView, splitInvoice } from '@sello/core';
import { httpHandler, logger, ok } from '@sello/http';

const split = splitInvoice(invoiceDeps());
const handOver = handOverIssued(afterIssue(), logger);

export const handler = httpHandler(routes.splitInvoice, async ({ principal, params, body }) => {
  const { original, corrective, replacements } = await split(
    principal.tenantId,
    params.id,
    body.parts,
  );
  await handOver([corrective, ...replacements]);
  return ok({
    original: invoiceView(original),
    corrective: invoiceView(corrective),
    replacements: replacements.map(invoiceView),
  });
});
