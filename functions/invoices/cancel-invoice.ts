import { httpHandler } from '@sello/app/http';
import { cancelInvoice, issuedHandOver } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { ok } from '@sello/http';

const cancel = cancelInvoice();
const handOver = issuedHandOver();

export const handler = httpHandler(routes.cancelInvoice, async ({ principal, params, body }) => {
  const { original, corrective } = await cancel(
    principal.tenantId,
    params.id,
    body.reasonDescription,
  );
  await handOver([corrective]);
  return ok({ original: invoiceView(original), corrective: invoiceView(corrective) });
});
