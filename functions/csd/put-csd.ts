import { putCsd } from '@sello/app/csd';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { csdView } from '@sello/core/signing';
import { ok } from '@sello/http';

const put = putCsd();

export const handler = httpHandler(routes.putCsd, async ({ principal, body }) =>
  ok(csdView(await put(principal.tenantId, body))),
);
