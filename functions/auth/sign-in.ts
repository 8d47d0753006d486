import { signIn } from '@sello/app/auth';
import { httpHandler } from '@sello/app/http';
import { REFRESH_COOKIE, routes } from '@sello/contracts';
import { signedInView } from '@sello/core/staff';
import { ok, privateCookie } from '@sello/http';

const signInWith = signIn();
const { name, path, maxAgeSeconds } = REFRESH_COOKIE;

export const handler = httpHandler(routes.signIn, async ({ body, event }) => {
  const session = await signInWith(body, { ip: event.requestContext.http.sourceIp });
  return ok(signedInView(session), {
    cookies: [privateCookie(name, session.refreshToken, path, maxAgeSeconds)],
  });
});
