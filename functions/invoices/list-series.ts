import { httpHandler } from '@sello/app/http';
import { listSeries } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { ok } from '@sello/http';

const list = listSeries();

export const handler = httpHandler(routes.listSeries, async ({ principal }) =>
  ok({ items: await list(principal.tenantId) }),
);
