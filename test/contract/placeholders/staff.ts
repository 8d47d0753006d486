import { randomUUID } from 'node:crypto';
import { aLink, aMember, anOwner, aStaffEmail, signIn } from '../../support/staff.ts';
import type { Realise } from './context.ts';

const USER = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/**
 * Placeholders of the auth and users areas' sample events, made real: a member to sign in as (with
 * the sample's e-mail and password), a sign-up's own owner, a signed-in refresh cookie, a reset and an invitation link,
 * and a member to change or remove.
 */
export const realiseStaff: Realise = async (event, { api, tenant, routeId }) => {
  let out = event;
  if (routeId === 'signIn') {
    const { email, password } = JSON.parse(JSON.parse(out).body) as {
      email: string;
      password: string;
    };
    const owner = await anOwner(tenant.tenantId, password);
    out = out.replaceAll(email, owner.email);
  }
  if (routeId === 'signUp') {
    // The pool lives for the whole run: the sample's owner and idempotency key are made unique.
    const { owner } = JSON.parse(JSON.parse(out).body) as { owner: { email: string } };
    out = out.replaceAll(owner.email, aStaffEmail('signup'));
    out = out.replace(/"idempotency-key":"[^"]+"/, `"idempotency-key":"${randomUUID()}"`);
  }
  if (out.includes('REFRESH_EXAMPLE')) {
    const owner = await anOwner(tenant.tenantId);
    const { cookie } = await signIn(api, owner.email);
    out = out.replaceAll(/sello_refresh=[\w.-]*REFRESH_EXAMPLE/g, cookie);
  }
  if (out.includes('spwr_EXAMPLE')) {
    const member = await aMember(tenant.tenantId, 'accountant');
    out = out.replaceAll(/spwr_EXAMPLE\w+/g, await aLink('passwordReset', member));
  }
  if (out.includes('sinv_EXAMPLE')) {
    const member = await aMember(tenant.tenantId, 'technician', { status: 'invited' });
    out = out.replaceAll(/sinv_EXAMPLE\w+/g, await aLink('invitation', member));
  }
  if (out.includes(USER)) {
    const member = await aMember(tenant.tenantId, 'technician');
    out = out.replaceAll(USER, member.userId);
  }
  return out;
};
