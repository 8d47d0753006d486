import { refreshAccessToken } from '@sello/app/auth';
import { httpHandler } from '@sello/app/http';
import { REFRESH_COOKIE, routes } from '@sello/contracts';
import { UnauthorizedError } from '@sello/core/errors';
import { signedInView } from '@sello/core/staff';
import { ok, readCookie } from '@sello/http';

const refresh = refreshAccessToken();

export const handler = httpHandler(routes.refreshAccessToken, async ({ event }) => {
  const token = readCookie(event, REFRESH_COOKIE.name);
  if (!token) {
    throw new UnauthorizedError('Not signed in: no refresh cookie; sign in', [
      { path: `cookie.${REFRESH_COOKIE.name}`, message: 'Required' },
    ]);
  }
  return ok(signedInView(await refresh(token)));
});
