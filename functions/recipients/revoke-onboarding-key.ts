import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { revokeIssuerKey, systemClock } from '@sello/core';
import { httpHandler, noContent } from '@sello/http';

const revoke = revokeIssuerKey({
  onboardingKeys: repositories().onboardingKeys,
  clock: systemClock,
});

export const handler = httpHandler(routes.revokeOnboardingKey, async ({ principal, params }) => {
  await revoke(principal.tenantId, params.id);
  return noContent();
});
