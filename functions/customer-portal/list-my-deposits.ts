import { listMyDeposits } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { depositView } from '@sello/core/deposits';
import { ok } from '@sello/http';

const list = listMyDeposits();

export const handler = httpHandler(routes.listMyDeposits, async ({ principal, params, query }) => {
  const page = await list(principal, params.tenantId, query);
  return ok({ ...page, items: page.items.map(depositView) });
});
