import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { recipientView, registerRecipient, systemClock, ulidIds } from '@sello/core';
import { created, httpHandler } from '@sello/http';

const register = registerRecipient({
  onboardingKeys: repositories().onboardingKeys,
  recipients: repositories().recipients,
  attempts: repositories().attempts,
  clock: systemClock,
  ids: ulidIds,
});

export const handler = httpHandler(routes.registerRecipient, async ({ body, event }) => {
  const { account, session } = await register(body, { ip: event.requestContext.http.sourceIp });
  return created({ recipient: recipientView(account), session }, '/v1/recipients/me');
});
