import { httpHandler } from '@sello/app/http';
import { removeUser } from '@sello/app/users';
import { routes } from '@sello/contracts';
import { noContent } from '@sello/http';

const remove = removeUser();

export const handler = httpHandler(routes.removeUser, async ({ principal, params }) => {
  await remove(principal, params.id);
  return noContent();
});
