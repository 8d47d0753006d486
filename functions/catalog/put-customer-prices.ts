import { putCustomerPrices } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { customerPricesView } from '@sello/core/catalog';
import { ok } from '@sello/http';

const put = putCustomerPrices();

export const handler = httpHandler(
  routes.putCustomerPrices,
  async ({ principal, params, body }) => {
    const prices = await put(principal.tenantId, params.id, body);
    return ok(customerPricesView(prices));
  },
);
