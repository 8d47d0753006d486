import { httpHandler } from '@sello/app/http';
import { registerRecipient } from '@sello/app/recipients';
import { REFRESH_COOKIE, routes } from '@sello/contracts';
import { signedInView } from '@sello/core/staff';
import { created, privateCookie } from '@sello/http';

const register = registerRecipient();
const { name, path, maxAgeSeconds } = REFRESH_COOKIE;

/** Registered, then signed in as POST /v1/auth/sign-in would: same answer, same cookie. */
export const handler = httpHandler(routes.registerRecipient, async ({ body, event }) => {
  const session = await register(body, { ip: event.requestContext.http.sourceIp });
  const answer = created(signedInView(session), '/v1/recipients/me');
  return {
    ...answer,
    cookies: [privateCookie(name, session.refreshToken, path, maxAgeSeconds)],
  };
});
