import { httpHandler } from '@sello/app/http';
import { stage } from '@sello/app/system';
import { routes, SELLO_VERSION } from '@sello/contracts';
import { ok } from '@sello/http';

/** Liveness only: answers without touching any store, so it stays cheap and always up. */
export const handler = httpHandler(routes.getHealth, async () =>
  ok({
    status: 'ok',
    service: 'sello',
    version: SELLO_VERSION,
    stage: stage(),
    time: new Date().toISOString(),
  }),
);
