import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { revokeApiKey, systemClock } from '@sello/core';
import { forgetApiKey, httpHandler, noContent } from '@sello/http';

const revoke = revokeApiKey({ apiKeys: repositories().apiKeys, clock: systemClock });

export const handler = httpHandler(routes.revokeApiKey, async ({ principal, params }) => {
  await revoke(principal.tenantId, params.id, principal.keyId);
  forgetApiKey(params.id);
  return noContent();
});
