import { systemClock } from '@sello/core/ports';
import * as core from '@sello/core/staff';
import * as tenants from '@sello/core/tenants';
import { forgetMember } from '@sello/http';
import { portalUrl } from './config.ts';
import { identityProvider } from './identity.ts';
import { textMailer } from './mail.ts';
import { repositories } from './repositories.ts';

/** The members of a tenant, and who is calling. */
const r = () => repositories();

export const listUsers = () => core.listMembers({ members: r().memberships });

export const inviteUser = () =>
  core.inviteMember({
    members: r().memberships,
    identity: identityProvider(),
    clock: systemClock,
    links: r().staffLinks,
    tenants: r().tenants,
    mailer: textMailer(),
    portalUrl: portalUrl(),
  });

/** Changes the role or centres, and this container forgets the member's cached one at once. */
export function updateUser() {
  const change = core.updateMember({ members: r().memberships, centres: r().centres });
  return async (...args: Parameters<typeof change>) => {
    const member = await change(...args);
    forgetMember(member.userId);
    return member;
  };
}

/** The member's own connector credentials, deleted with the member. */
const ownSecrets: core.OwnSecrets = {
  async deleteAll(tenantId, userId) {
    const stored = r().connectorCredentials;
    for (const c of await stored.list(tenantId, userId)) {
      await stored.delete(tenantId, userId, c.connector);
    }
  },
};

/** Removes the member, and this container forgets it at once. */
export function removeUser() {
  const remove = core.removeMember({
    members: r().memberships,
    identity: identityProvider(),
    ownSecrets,
  });
  return async (...args: Parameters<typeof remove>) => {
    await remove(...args);
    forgetMember(args[1]);
  };
}

export const getMe = () => ({
  member: core.getMember({ members: r().memberships }),
  tenant: tenants.getTenant({ tenants: r().tenants }),
});
