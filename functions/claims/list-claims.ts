import { listClaims } from '@sello/app/claims';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { claimView } from '@sello/core/claims';
import { ok } from '@sello/http';

const list = listClaims();

export const handler = httpHandler(routes.listClaims, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(claimView) });
});
