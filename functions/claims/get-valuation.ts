import { getValuation } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { valuationView } from '@sello/core/claims';
import { ok } from '@sello/http';

const get = getValuation();

export const handler = httpHandler(routes.getValuation, async ({ principal, params }) => {
  const valuation = await get(principal.tenantId, params.id, params.version);
  return ok(valuationView(valuation));
});
