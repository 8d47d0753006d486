import { httpHandler } from '@sello/app/http';
import { revokeApiKey } from '@sello/app/tenants';
import { routes } from '@sello/contracts';
import { forgetApiKey, noContent } from '@sello/http';

const revoke = revokeApiKey();

export const handler = httpHandler(routes.revokeApiKey, async ({ principal, params }) => {
  await revoke(principal.tenantId, params.id, principal.keyId);
  forgetApiKey(params.id);
  return noContent();
});
