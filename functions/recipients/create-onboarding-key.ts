import { httpHandler } from '@sello/app/http';
import { createOnboardingKey } from '@sello/app/recipients';
import { routes } from '@sello/contracts';
import { onboardingKeyView } from '@sello/core/recipients';
import { created } from '@sello/http';

const create = createOnboardingKey();

export const handler = httpHandler(routes.createOnboardingKey, async ({ principal, body }) => {
  const { record, secret } = await create(principal.tenantId, body);
  return created({ ...onboardingKeyView(record), key: secret }, `/v1/onboarding-keys/${record.id}`);
});
