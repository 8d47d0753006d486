import { cancelCfdi } from '@sello/app/cfdi';
import { httpHandler } from '@sello/app/http';
import { cancelInvoice, getInvoice, issuedHandOver } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import {
  cfdiCancellationOf,
  correctiveCancellationOf,
  invoiceView,
  issuesCfdi,
} from '@sello/core/invoices';
import { ok } from '@sello/http';

const cancel = cancelInvoice();
const cancelAtSat = cancelCfdi();
const get = getInvoice();
const handOver = issuedHandOver();

/** A Mexican invoice (CFDI) is cancelled at SAT; any other by a corrective that cancels it. */
export const handler = httpHandler(routes.cancelInvoice, async ({ principal, params, body }) => {
  const invoice = await get(principal.tenantId, params.id);
  if (issuesCfdi(invoice)) {
    const cancelled = await cancelAtSat(principal.tenantId, params.id, cfdiCancellationOf(body));
    return ok({ original: invoiceView(cancelled) });
  }
  const { reasonDescription } = correctiveCancellationOf(body);
  const { original, corrective } = await cancel(principal.tenantId, params.id, reasonDescription);
  await handOver([corrective]);
  return ok({ original: invoiceView(original), corrective: invoiceView(corrective) });
});
