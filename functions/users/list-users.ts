import { httpHandler } from '@sello/app/http';
import { listUsers } from '@sello/app/users';
import { routes } from '@sello/contracts';
import { memberView } from '@sello/core/staff';
import { ok } from '@sello/http';

const list = listUsers();

export const handler = httpHandler(routes.listUsers, async ({ principal, query }) => {
  const page = await list(principal.tenantId, query);
  return ok({ ...page, items: page.items.map(memberView) });
});
