import { forgotPassword } from '@sello/app/auth';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';

const request = forgotPassword();

export const handler = httpHandler(routes.forgotPassword, async ({ body, event }) => {
  await request(body, { ip: event.requestContext.http.sourceIp });
  return { status: 202 };
});
