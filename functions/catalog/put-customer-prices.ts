import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { customerPricesView, putCustomerPrices, systemClock } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const put = putCustomerPrices({
  customers: repositories().customers,
  products: repositories().products,
  customerPrices: repositories().customerPrices,
  clock: systemClock,
});

export const handler = httpHandler(
  routes.putCustomerPrices,
  async ({ principal, params, body }) => {
    const prices = await put(principal.tenantId, params.id, body);
    return ok(customerPricesView(prices));
  },
);
