import { invoiceDeps } from '@sello/aws';
import { routes } from '@sello/contracts';
import { invoiceView, splitInvoice } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const split = splitInvoice(invoiceDeps());

export const handler = httpHandler(routes.splitInvoice, async ({ principal, params, body }) => {
  const { original, corrective, replacements } = await split(
    principal.tenantId,
    params.id,
    body.parts,
  );
  return ok({
    original: invoiceView(original),
    corrective: invoiceView(corrective),
    replacements: replacements.map(invoiceView),
  });
});
