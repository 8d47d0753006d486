import { listDeposits } from '@sello/app/deposits';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { depositView } from '@sello/core/deposits';
import { ok } from '@sello/http';

const list = listDeposits();

export const handler = httpHandler(routes.listDeposits, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(depositView) });
});
