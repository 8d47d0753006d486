import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { customerPricesView, getCustomerPrices } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const get = getCustomerPrices({
  customers: repositories().customers,
  customerPrices: repositories().customerPrices,
});

export const handler = httpHandler(routes.getCustomerPrices, async ({ principal, params }) => {
  const prices = await get(principal.tenantId, params.id);
  return ok(customerPricesView(prices));
});
