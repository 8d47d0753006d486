import { getCustomerPrices } from '@sello/app/catalog';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { customerPricesView } from '@sello/core/catalog';
import { ok } from '@sello/http';

const get = getCustomerPrices();

export const handler = httpHandler(routes.getCustomerPrices, async ({ principal, params }) => {
  const prices = await get(principal.tenantId, params.id);
  return ok(customerPricesView(prices));
});
