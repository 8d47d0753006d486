import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { createIssuerKey, onboardingKeyView, systemClock, ulidIds } from '@sello/core';
import { created, httpHandler } from '@sello/http';

const create = createIssuerKey({
  onboardingKeys: repositories().onboardingKeys,
  recipients: repositories().recipients,
  clock: systemClock,
  ids: ulidIds,
});

export const handler = httpHandler(routes.createOnboardingKey, async ({ principal, body }) => {
  const { record, secret } = await create(principal.tenantId, body);
  return created({ ...onboardingKeyView(record), key: secret }, `/v1/onboarding-keys/${record.id}`);
});
