import { signUp } from '@sello/app/auth';
import { httpHandler } from '@sello/app/http';
import { routes } from '@sello/contracts';
import { memberView } from '@sello/core/staff';
import { tenantView } from '@sello/core/tenants';
import { created } from '@sello/http';

const signUpWith = signUp();

export const handler = httpHandler(routes.signUp, async ({ body, event }) => {
  const { tenant, owner } = await signUpWith(body, { ip: event.requestContext.http.sourceIp });
  return created({ tenant: tenantView(tenant), user: memberView(owner) }, '/v1/tenant');
});
