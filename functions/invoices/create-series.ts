import { httpHandler } from '@sello/app/http';
import { createSeries } from '@sello/app/invoices';
import { routes } from '@sello/contracts';
import { created } from '@sello/http';

const create = createSeries();

export const handler = httpHandler(routes.createSeries, async ({ principal, body }) => {
  const series = await create(principal.tenantId, body);
  return created(series, `/v1/series/${series.code}`);
});
