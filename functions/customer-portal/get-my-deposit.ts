import { getMyDeposit } from '@sello/app/customer-portal';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { depositView } from '@sello/core/deposits';
import { ok } from '@sello/http';

const get = getMyDeposit();

export const handler = httpHandler(routes.getMyDeposit, async ({ principal, params }) =>
  ok(depositView(await get(principal, params.tenantId, params.id))),
);
