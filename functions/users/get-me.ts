import { httpHandler } from '@sello/app/http';
import { getMe } from '@sello/app/users';
import { routes } from '@sello/contracts';
import { memberView } from '@sello/core/staff';
import { tenantView } from '@sello/core/tenants';
import { ok } from '@sello/http';

const me = getMe();

export const handler = httpHandler(routes.getMe, async ({ principal }) => {
  const tenant = tenantView(await me.tenant(principal.tenantId));
  return ok(
    principal.kind === 'staff'
      ? { kind: 'staff', tenant, user: memberView(await me.member(principal)) }
      : { kind: 'apiKey', tenant, apiKey: { id: principal.keyId } },
  );
});
