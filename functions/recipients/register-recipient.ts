import { httpHandler } from '@sello/app/http';
import { registerRecipient } from '@sello/app/recipients';
import { routes } from '@sello/contracts';
import { recipientView } from '@sello/core/recipients';
import { created } from '@sello/http';

const register = registerRecipient();

export const handler = httpHandler(routes.registerRecipient, async ({ body, event }) => {
  const { account, session } = await register(body, { ip: event.requestContext.http.sourceIp });
  return created({ recipient: recipientView(account), session }, '/v1/recipients/me');
});
