import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { createSeries, systemClock } from '@sello/core';
import { created, httpHandler } from '@sello/http';

const create = createSeries({ series: repositories().series, clock: systemClock });

export const handler = httpHandler(routes.createSeries, async ({ principal, body }) => {
  const series = await create(principal.tenantId, body);
  return created(series, `/v1/series/${series.code}`);
});
