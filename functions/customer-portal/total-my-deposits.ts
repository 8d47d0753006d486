import { myDepositTotals } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { ok } from '@sello/http';

const totals = myDepositTotals();

export const handler = httpHandler(routes.totalMyDeposits, async ({ principal, params, body }) =>
  ok(await totals(principal, params.tenantId, body.depositIds)),
);
