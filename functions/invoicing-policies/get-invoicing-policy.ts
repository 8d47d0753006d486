import { httpHandler } from '@sello/app/http';
import { getInvoicingPolicy } from '@sello/app/invoicing-policies';
import { routes } from '@sello/contracts';
import { invoicingPolicyView } from '@sello/core/invoicing-policies';
import { ok } from '@sello/http';

const get = getInvoicingPolicy();

export const handler = httpHandler(routes.getInvoicingPolicy, async ({ principal, params }) =>
  ok(invoicingPolicyView(await get(principal.tenantId, params.id), new Date())),
);
