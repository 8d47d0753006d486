import { getCsd } from '@sello/app/csd';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { csdView } from '@sello/core/signing';
import { ok } from '@sello/http';

const get = getCsd();

export const handler = httpHandler(routes.getCsd, async ({ principal }) =>
  ok(csdView(await get(principal.tenantId))),
);
