import { liveCentres } from '../centres/centres.ts';
import type { CentreRepository } from '../centres/model.ts';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  PreconditionFailedError,
} from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { Mailer } from '../ports/mailer.ts';
import { checkPassword } from '../recipients/password.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { TenantPrincipal } from '../tenants/authenticate-api-key.ts';
import type { TenantRepository } from '../tenants/tenant.ts';
import { newStaffLink } from './links.ts';
import type {
  IdentityProvider,
  Membership,
  MembershipRepository,
  StaffLinkRepository,
  StaffPrincipal,
  StaffRole,
} from './model.ts';
import { normalizeStaffEmail } from './sign-in.ts';
import { invitationMail } from './texts.ts';

/** Who manages a tenant's members: one of its API keys (the whole tenant) or a staff member. */
export type TenantActor = TenantPrincipal | StaffPrincipal;

/** Only an owner (or the tenant itself, through an API key) makes, unmakes or removes owners. */
function assertMayTouchOwners(actor: TenantActor, what: string): void {
  if (actor.kind === 'staff' && actor.role !== 'owner') {
    throw new ForbiddenError(`Only an owner can ${what}`, [
      { path: 'role', message: 'Needs the owner role' },
    ]);
  }
}

/** `<portal>/<page>?token=…`, whatever the configured base ends with. */
export const portalLink = (portalUrl: string, page: string, token: string) =>
  `${portalUrl.replace(/\/+$/, '')}/${page}?token=${encodeURIComponent(token)}`;

export interface MemberDeps {
  members: MembershipRepository;
  identity: IdentityProvider;
  clock: Clock;
}

/** What a person stored for themselves (their connector credentials), deleted with them. */
export interface OwnSecrets {
  deleteAll(tenantId: string, userId: string): Promise<void>;
}

export const listMembers =
  ({ members }: Pick<MemberDeps, 'members'>) =>
  (tenantId: string, page: PageRequest): Promise<Page<Membership>> =>
    members.list(tenantId, page);

/** A member of the actor's tenant, or NotFoundError (another tenant's members do not exist here). */
async function memberOf(
  members: Pick<MembershipRepository, 'getByUser'>,
  tenantId: string,
  userId: string,
): Promise<Membership> {
  const member = await members.getByUser(userId);
  if (!member || member.tenantId !== tenantId) throw new NotFoundError('User', userId);
  return member;
}

/**
 * Invites a person: the identity provider gets a user that cannot sign in yet (it sends no mail),
 * the tenant an invited member, and the person Sello's mail with a single-use link to choose a
 * password.
 */
export const inviteMember =
  (
    deps: MemberDeps & {
      links: StaffLinkRepository;
      tenants: Pick<TenantRepository, 'get'>;
      mailer: Mailer;
      portalUrl: string;
    },
  ) =>
  async (
    actor: TenantActor,
    input: { email: string; role: StaffRole; name?: string | undefined },
  ): Promise<Membership> => {
    const email = normalizeStaffEmail(input.email);
    if (input.role === 'owner') assertMayTouchOwners(actor, 'invite an owner');
    const tenant = await deps.tenants.get(actor.tenantId);
    if (!tenant) throw new NotFoundError('Tenant', actor.tenantId);
    if (await deps.members.findByEmail(email)) {
      throw new ConflictError('This person is already a member', [
        { path: 'email', message: 'Already a member' },
      ]);
    }
    const { userId } = await deps.identity.createUser(email);
    const now = deps.clock.now();
    const member: Membership = {
      userId,
      tenantId: actor.tenantId,
      email,
      ...(input.name ? { name: input.name } : {}),
      role: input.role,
      status: 'invited',
      createdAt: now.toISOString(),
      version: 1,
    };
    try {
      await deps.members.create(member);
    } catch (error) {
      // A concurrent invitation took the e-mail: the user made here must not linger.
      await deps.identity.deleteUser(email);
      throw error;
    }
    const { secret, link } = newStaffLink('invitation', member, now);
    await deps.links.create(link);
    await deps.mailer.send({
      to: [email],
      ...invitationMail(
        tenant.language,
        tenant.name,
        member.role,
        portalLink(deps.portalUrl, 'accept-invitation', secret),
      ),
    });
    return member;
  };

/** What the user update route changes of a member. */
export interface MemberPatch {
  role?: StaffRole;
  /** The work centres the member belongs to (`[]`: none); each a centre of the tenant. */
  centreIds?: string[];
}

/**
 * Changes a member's role and centres. Touching owners takes an owner, and the tenant always
 * keeps an active owner (ConflictError); each centre must be the tenant's (a ValidationError
 * naming `centreIds.N`). `expectedVersion` (If-Match) guards against lost updates.
 */
export const updateMember =
  ({
    members,
    centres,
  }: Pick<MemberDeps, 'members'> & { centres?: Pick<CentreRepository, 'get'> }) =>
  async (
    actor: TenantActor,
    userId: string,
    patch: MemberPatch,
    expectedVersion?: number,
  ): Promise<Membership> => {
    const member = await memberOf(members, actor.tenantId, userId);
    if (expectedVersion !== undefined && expectedVersion !== member.version) {
      throw new PreconditionFailedError(
        `User ${userId} is at version ${member.version}, not ${expectedVersion}`,
      );
    }
    if (patch.centreIds?.length) {
      if (!centres) throw new Error('Member centres need the centres repository');
      await liveCentres(centres, actor.tenantId, patch.centreIds, (i) => `centreIds.${i}`);
    }
    const role = patch.role ?? member.role;
    const centreIds = patch.centreIds ? [...new Set(patch.centreIds)] : member.centreIds;
    const sameCentres = (centreIds ?? []).join() === (member.centreIds ?? []).join();
    if (member.role === role && sameCentres) return member;
    if (member.role !== role && (member.role === 'owner' || role === 'owner')) {
      assertMayTouchOwners(actor, 'give or take the owner role');
    }
    const { centreIds: _centres, ...rest } = member;
    const next: Membership = {
      ...rest,
      role,
      ...(centreIds?.length ? { centreIds } : {}),
      version: member.version + 1,
    };
    await members.update(member, next);
    return next;
  };

/** Changes a member's role only (see `updateMember`). */
export const changeMemberRole =
  (deps: Pick<MemberDeps, 'members'>) =>
  (actor: TenantActor, userId: string, role: StaffRole, expectedVersion?: number) =>
    updateMember(deps)(actor, userId, { role }, expectedVersion);

/**
 * Removes a member: the membership first (refused for the tenant's last active owner), then what
 * the person stored for themselves (their platform passwords are no one else's to keep), then the
 * user at the identity provider, so nothing the person still holds opens the tenant.
 */
export const removeMember =
  ({
    members,
    identity,
    ownSecrets,
  }: Pick<MemberDeps, 'members' | 'identity'> & { ownSecrets: OwnSecrets }) =>
  async (actor: TenantActor, userId: string): Promise<void> => {
    const member = await memberOf(members, actor.tenantId, userId);
    if (member.role === 'owner') assertMayTouchOwners(actor, 'remove an owner');
    await members.remove(member);
    await ownSecrets.deleteAll(member.tenantId, member.userId);
    await identity.deleteUser(member.email);
  };

/** The caller's own membership (GET /v1/me for staff). */
export const getMember =
  ({ members }: Pick<MemberDeps, 'members'>) =>
  (principal: StaffPrincipal): Promise<Membership> =>
    memberOf(members, principal.tenantId, principal.userId);

/**
 * An active owner with a password, for a tenant provisioned by an operator or the local demo:
 * nobody is there yet to invite one.
 */
export const addOwner =
  ({ members, identity, clock }: MemberDeps) =>
  async (
    tenantId: string,
    input: { email: string; password: string; name?: string },
  ): Promise<Membership> => {
    const email = normalizeStaffEmail(input.email);
    checkPassword(input.password);
    if (await members.findByEmail(email)) {
      throw new ConflictError('This person is already a member', [
        { path: 'email', message: 'Already a member' },
      ]);
    }
    const { userId } = await identity.createUser(email);
    const now = clock.now().toISOString();
    const member: Membership = {
      userId,
      tenantId,
      email,
      ...(input.name ? { name: input.name } : {}),
      role: 'owner',
      status: 'active',
      createdAt: now,
      joinedAt: now,
      version: 1,
    };
    try {
      await identity.setPassword(email, input.password);
      await members.create(member);
    } catch (error) {
      await identity.deleteUser(email);
      throw error;
    }
    return member;
  };
