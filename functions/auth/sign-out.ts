import { signOut } from '@sello/app/auth';
import { httpHandler } from '@sello/app/http';
import { REFRESH_COOKIE, routes } from '@sello/contracts';
import { noContent, privateCookie, readCookie } from '@sello/http';

const revoke = signOut();
const { name, path } = REFRESH_COOKIE;

export const handler = httpHandler(routes.signOut, async ({ event }) => {
  await revoke(readCookie(event, name));
  return { ...noContent(), cookies: [privateCookie(name, '', path, 0)] };
});
