import { httpHandler } from '@sello/app/http';
import { issuedHandOver, splitInvoice } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok } from '@sello/http';

const split = splitInvoice();
const handOver = issuedHandOver();

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
