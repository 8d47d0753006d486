import { billClaim } from '@sello/app/claim-billing';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { invoiceView } from '@sello/core/invoices';
import { created, ok } from '@sello/http';

const bill = billClaim();

export const handler = httpHandler(routes.billClaim, async ({ principal, params }) => {
  const { insurer, insured, created: made } = await bill(principal.tenantId, params.id);
  const body = {
    insurer: invoiceView(insurer),
    ...(insured ? { insured: invoiceView(insured) } : {}),
  };
  return made ? created(body, `/v1/claims/${params.id}/invoices`) : ok(body);
});
