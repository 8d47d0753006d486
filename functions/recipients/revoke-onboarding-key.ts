import { httpHandler } from '@sello/app/http';
import { revokeOnboardingKey } from '@sello/app/recipients';
import { routes } from '@sello/contracts';
import { noContent } from '@sello/http';

const revoke = revokeOnboardingKey();

export const handler = httpHandler(routes.revokeOnboardingKey, async ({ principal, params }) => {
  await revoke(principal.tenantId, params.id);
  return noContent();
});
