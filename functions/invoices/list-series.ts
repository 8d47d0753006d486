import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { listSeries, systemClock } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listSeries({ series: repositories().series, clock: systemClock });

export const handler = httpHandler(routes.listSeries, async ({ principal }) =>
  ok({ items: await list(principal.tenantId) }),
);
