import { httpHandler } from '@sello/app/http';
import { putInvoicingPolicy } from '@sello/app/invoicing-policies';
import { routes } from '@sello/contracts';
import { invoicingPolicyView } from '@sello/core/invoicing-policies';
import { ok } from '@sello/http';

const put = putInvoicingPolicy();

export const handler = httpHandler(
  routes.putInvoicingPolicy,
  async ({ principal, params, body }) => {
    const { policy, created } = await put(principal.tenantId, params.id, body);
    return ok(invoicingPolicyView(policy, new Date()), created ? { status: 201 } : {});
  },
);
