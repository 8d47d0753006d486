import { httpHandler } from '@sello/app/http';
import { publicApiUrl } from '@sello/app/system';
import { buildOpenApi, routeList, routes, SELLO_VERSION } from '@sello/contracts';
import { ok } from '@sello/http';

const serverUrl = publicApiUrl();
// Built once per container: the document only changes with a deployment.
const document = buildOpenApi(routeList, {
  version: SELLO_VERSION,
  ...(serverUrl ? { serverUrl } : {}),
});

export const handler = httpHandler(routes.getOpenapi, async () =>
  ok(document, { headers: { 'cache-control': 'public, max-age=300' } }),
);
