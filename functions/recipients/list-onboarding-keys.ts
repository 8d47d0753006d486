import { httpHandler } from '@sello/app/http';
import { listOnboardingKeys } from '@sello/app/recipients';
import { routes } from '@sello/contracts';
import { onboardingKeyView } from '@sello/core/recipients';
import { ok } from '@sello/http';

const list = listOnboardingKeys();

export const handler = httpHandler(routes.listOnboardingKeys, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(onboardingKeyView) });
});
