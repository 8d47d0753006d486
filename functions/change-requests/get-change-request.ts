import { getChangeRequest } from '@sello/app/change-requests';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { changeRequestView } from '@sello/core/change-requests';
import { ok } from '@sello/http';

const get = getChangeRequest();

export const handler = httpHandler(routes.getChangeRequest, async ({ principal, params }) =>
  ok(changeRequestView(await get(principal.tenantId, params.id))),
);
