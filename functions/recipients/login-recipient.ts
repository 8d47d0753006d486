import { repositories } from '@sello/aws';
import { routes } from '@sello/contracts';
import { loginRecipient, recipientView, systemClock } from '@sello/core';
import { httpHandler, ok } from '@sello/http';

const login = loginRecipient({
  recipients: repositories().recipients,
  sessions: repositories().recipientSessions,
  attempts: repositories().attempts,
  clock: systemClock,
});

export const handler = httpHandler(routes.loginRecipient, async ({ body, event }) => {
  const { account, session } = await login(body, { ip: event.requestContext.http.sourceIp });
  return ok({ recipient: recipientView(account), session });
});
