import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { listIssuerKeys, onboardingKeyView } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const list = listIssuerKeys({ onboardingKeys: repositories().onboardingKeys });

export const handler = httpHandler(routes.listOnboardingKeys, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(onboardingKeyView) });
});
