import { httpHandler } from '@sello/app/http';
import { issuedHandOver, rectifyInvoice } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok } from '@sello/http';

const rectify = rectifyInvoice();
const handOver = issuedHandOver();

export const handler = httpHandler(routes.rectifyInvoice, async ({ principal, params, body }) => {
  const { original, corrective } = await rectify(principal.tenantId, params.id, body);
  await handOver([corrective]);
  return ok({ original: invoiceView(original), corrective: invoiceView(corrective) });
});
