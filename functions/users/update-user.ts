import { httpHandler } from '@sello/app/http';
import { updateUser } from '@sello/app/users';
import { routes } from '@sello/contracts';
import { memberView } from '@sello/core/staff';
import { ok, versionEtag } from '@sello/http';

const update = updateUser();

export const handler = httpHandler(
  routes.updateUser,
  async ({ principal, params, body, expectedVersion }) => {
    const member = await update(principal, params.id, body, expectedVersion);
    return ok(memberView(member), { etag: versionEtag(member.version) });
  },
);
