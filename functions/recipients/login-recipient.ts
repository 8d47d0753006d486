import { httpHandler } from '@sello/app/http';
import { loginRecipient } from '@sello/app/recipients';
import { routes } from '@sello/contracts';
import { recipientView } from '@sello/core/recipients';
import { ok } from '@sello/http';

const login = loginRecipient();

export const handler = httpHandler(routes.loginRecipient, async ({ body, event }) => {
  const { account, session } = await login(body, { ip: event.requestContext.http.sourceIp });
  return ok({ recipient: recipientView(account), session });
});
