import { ForbiddenError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { Mailer } from '../ports/mailer.ts';
import { beginAttempt } from '../recipients/attempts.ts';
import type { AttemptCounter, RecipientRepository } from '../recipients/model.ts';
import { checkPassword } from '../recipients/password.ts';
import { recipientPasswordMail } from '../recipients/password-texts.ts';
import type { TenantRepository } from '../tenants/tenant.ts';
import { consumeStaffLink, newRecipientLink, newStaffLink } from './links.ts';
import { portalLink } from './members.ts';
import type {
  IdentityProvider,
  Membership,
  MembershipRepository,
  StaffLink,
  StaffLinkKind,
  StaffLinkRepository,
} from './model.ts';
import { normalizeStaffEmail } from './sign-in.ts';
import { passwordResetMail } from './texts.ts';

export interface PasswordDeps {
  members: MembershipRepository;
  /** Registered recipients sign in to the same identity provider and reset the same way. */
  recipients: Pick<RecipientRepository, 'getByTaxId' | 'findByEmail'>;
  links: StaffLinkRepository;
  identity: IdentityProvider;
  attempts: AttemptCounter;
  clock: Clock;
}

/**
 * Takes a mailed link for one use and runs `step` with it and its member; a step that fails gives
 * the link back, so its holder can try again. Attempts are rate limited per link and per source
 * address (links are unguessable; the limit bounds the work an attacker can cause).
 */
async function withLink<T>(
  deps: PasswordDeps,
  kind: StaffLinkKind,
  input: { token: string; password: string },
  source: { ip?: string | undefined },
  step: (member: Membership, link: StaffLink, at: string) => Promise<T>,
  recipientStep?: (email: string) => Promise<T>,
): Promise<T> {
  checkPassword(input.password);
  const attempt = await beginAttempt(deps, `staff-link:${input.token}`, source.ip);
  const { link, at } = await consumeStaffLink(deps, kind, input.token);
  let result: T;
  try {
    if (link.recipientTaxId !== undefined) {
      // A recipient's link: only the reset step takes one.
      const account = await deps.recipients.getByTaxId(link.recipientTaxId);
      if (!recipientStep || account?.userId !== link.userId || account.email !== link.email) {
        throw new ForbiddenError('This link no longer leads to an account', [
          { path: 'token', message: 'The account was removed' },
        ]);
      }
      result = await recipientStep(account.email);
    } else {
      const member = await deps.members.getByUser(link.userId);
      if (!member || member.tenantId !== link.tenantId || member.email !== link.email) {
        throw new ForbiddenError('This link no longer leads to a member', [
          { path: 'token', message: 'The member was removed' },
        ]);
      }
      result = await step(member, link, at);
    }
  } catch (error) {
    await deps.links.release(link, at);
    throw error;
  }
  await attempt.succeeded();
  return result;
}

/** Accepts an invitation: the person's password is set and the member becomes active. */
export const acceptInvitation =
  (deps: PasswordDeps) =>
  (
    input: { token: string; password: string },
    source: { ip?: string | undefined },
  ): Promise<Membership> =>
    withLink(deps, 'invitation', input, source, async (member, _link, at) => {
      if (member.status !== 'invited') {
        throw new ForbiddenError('This invitation was already accepted', [
          { path: 'token', message: 'Already accepted; sign in' },
        ]);
      }
      await deps.identity.setPassword(member.email, input.password);
      const next: Membership = {
        ...member,
        status: 'active',
        joinedAt: at,
        version: member.version + 1,
      };
      await deps.members.update(member, next);
      return next;
    });

/**
 * Mails a password-reset link to an active member or a registered recipient with this e-mail,
 * and nothing to anyone else: the caller is told the same either way. Every request counts
 * against the per-address and per-source limits, since every one may send a mail.
 */
export const requestPasswordReset =
  (
    deps: Omit<PasswordDeps, 'identity'> & {
      tenants: Pick<TenantRepository, 'get'>;
      mailer: Mailer;
      portalUrl: string;
    },
  ) =>
  async (input: { email: string }, source: { ip?: string | undefined }): Promise<void> => {
    const email = normalizeStaffEmail(input.email);
    await beginAttempt(deps, `staff-reset:${email}`, source.ip);
    const member = await deps.members.findByEmail(email);
    if (!member) {
      const account = await deps.recipients.findByEmail(email);
      // Accounts not yet moved to the identity provider get their link from the migration.
      if (!account?.userId) return;
      const { secret, link } = newRecipientLink(account, deps.clock.now());
      await deps.links.create(link);
      await deps.mailer.send({
        to: [account.email],
        ...recipientPasswordMail(
          account.language ?? 'es',
          'reset',
          portalLink(deps.portalUrl, 'reset-password', secret),
        ),
      });
      return;
    }
    if (member.status !== 'active') return;
    const tenant = await deps.tenants.get(member.tenantId);
    if (!tenant) return;
    const { secret, link } = newStaffLink('passwordReset', member, deps.clock.now());
    await deps.links.create(link);
    await deps.mailer.send({
      to: [member.email],
      ...passwordResetMail(
        tenant.language,
        tenant.name,
        portalLink(deps.portalUrl, 'reset-password', secret),
      ),
    });
  };

/** Sets a new password with a reset link. */
export const resetPassword =
  (deps: PasswordDeps) =>
  (input: { token: string; password: string }, source: { ip?: string | undefined }) =>
    withLink(
      deps,
      'passwordReset',
      input,
      source,
      async (member) => {
        if (member.status !== 'active') {
          throw new ForbiddenError('This member has not accepted the invitation yet', [
            { path: 'token', message: 'Accept the invitation instead' },
          ]);
        }
        await deps.identity.setPassword(member.email, input.password);
      },
      (email) => deps.identity.setPassword(email, input.password),
    );
