import { httpHandler } from '@sello/app/http';
import { revokeApiKey } from '@sello/app/tenants';
import { routes } from '@sello/contracts';
import { forgetApiKey, noContent } from '@sello/http';

const revoke = revokeApiKey();

export const handler = httpHandler(routes.revokeApiKey, async ({ principal, params }) => {
  // A key may not revoke itself; a staff member revokes any of the tenant's keys.
  await revoke(
    principal.tenantId,
    params.id,
    principal.kind === 'tenant' ? principal.keyId : undefined,
  );
  forgetApiKey(params.id);
  return noContent();
});
