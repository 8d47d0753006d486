import { httpHandler } from '@sello/app/http';
import { inviteUser } from '@sello/app/users';
import { routes } from '@sello/contracts';
import { memberView } from '@sello/core/staff';
import { created, versionEtag } from '@sello/http';

const invite = inviteUser();

export const handler = httpHandler(routes.inviteUser, async ({ principal, body }) => {
  const member = await invite(principal, body);
  return created(memberView(member), `/v1/users/${member.userId}`, versionEtag(member.version));
});
