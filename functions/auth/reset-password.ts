import { resetPassword } from '@sello/app/auth';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { noContent } from '@sello/http';

const reset = resetPassword();

export const handler = httpHandler(routes.resetPassword, async ({ body, event }) => {
  await reset(body, { ip: event.requestContext.http.sourceIp });
  return noContent();
});
