import { listValuations } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { valuationView } from '@sello/core/claims';
import { ok } from '@sello/http';

const list = listValuations();

export const handler = httpHandler(routes.listValuations, async ({ principal, params, query }) => {
  const page = await list(principal.tenantId, params.id, query);
  return ok({ ...page, items: page.items.map(valuationView) });
});
