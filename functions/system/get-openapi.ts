import { optionalEnv } from '@sello/aws';
import { buildOpenApi, ENV, routeList, routes, SELLO_VERSION } from '@sello/contracts';
import { httpHandler, ok } from '@sello/http';

const serverUrl = optionalEnv(ENV.publicApiUrl);
// Built once per container: the document only changes with a deployment.
const document = buildOpenApi(routeList, {
  version: SELLO_VERSION,
  ...(serverUrl ? { serverUrl } : {}),
});

export const handler = httpHandler(routes.getOpenapi, async () =>
  ok(document, { headers: { 'cache-control': 'public, max-age=300' } }),
);
