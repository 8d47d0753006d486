import { getDeposit } from '@sello/app/deposits';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { depositView } from '@sello/core/deposits';
import { ok } from '@sello/http';

const get = getDeposit();

export const handler = httpHandler(routes.getDeposit, async ({ principal, params }) =>
  ok(depositView(await get(principal.tenantId, params.id))),
);
