import { UnauthorizedError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import { beginAttempt } from '../recipients/attempts.ts';
import {
  type AttemptCounter,
  RECIPIENT_GROUP,
  type RecipientAccount,
  type RecipientRepository,
} from '../recipients/model.ts';
import type { RecipientPrincipal } from '../recipients/principal.ts';
import { normalizeRecipientEmail } from '../recipients/tax-id.ts';
import type {
  AccessTokenVerifier,
  IdentityProvider,
  Membership,
  MembershipRepository,
  StaffPrincipal,
} from './model.ts';

/** E-mails are sign-in names: compared in lower case, without surrounding blanks. */
export const normalizeStaffEmail = normalizeRecipientEmail;

/**
 * People sign in to one identity provider (Cognito): tenants' staff, and registered recipients,
 * whose users are in RECIPIENT_GROUP. Sign-in, refresh and token checks serve both.
 */
export interface StaffSessionDeps {
  identity: IdentityProvider;
  tokens: AccessTokenVerifier;
  members: Pick<MembershipRepository, 'getByUser'>;
  recipients: Pick<RecipientRepository, 'getByUser'>;
  clock: Clock;
}

/** A signed-in staff member: the access token for the API and what the portal shows. */
export interface StaffSession {
  accessToken: string;
  /** Seconds the access token is valid for. */
  expiresIn: number;
  member: Membership;
}

/** A signed-in registered recipient: the access token for its inbox and its account. */
export interface RecipientSession {
  accessToken: string;
  expiresIn: number;
  recipient: RecipientAccount;
}

/** Whoever signed in. */
export type PersonSession = StaffSession | RecipientSession;

/**
 * The person behind a fresh access token: a registered recipient when its user is in the
 * recipients' group, otherwise an active member of a tenant.
 */
async function sessionOf(
  deps: StaffSessionDeps,
  accessToken: string,
  refused: string,
): Promise<PersonSession> {
  const claims = await deps.tokens.verify(accessToken);
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  const expiresIn = Math.max(0, claims.expiresAt - now);
  if (claims.groups.includes(RECIPIENT_GROUP)) {
    const recipient = await deps.recipients.getByUser(claims.userId);
    if (!recipient) throw new UnauthorizedError(refused);
    return { accessToken, expiresIn, recipient };
  }
  const member = await deps.members.getByUser(claims.userId);
  if (member?.status !== 'active') throw new UnauthorizedError(refused);
  return { accessToken, expiresIn, member };
}

/**
 * Signs a person (staff or recipient) in with e-mail and password, which the identity provider
 * checks. Failed attempts are rate limited per e-mail and per source address; every failure
 * reads the same, so the answer does not tell who has an account.
 */
export const signIn =
  (deps: StaffSessionDeps & { attempts: AttemptCounter }) =>
  async (
    input: { email: string; password: string },
    source: { ip?: string | undefined },
  ): Promise<PersonSession & { refreshToken: string }> => {
    const email = normalizeStaffEmail(input.email);
    const attempt = await beginAttempt(deps, `staff-login:${email}`, source.ip);
    const tokens = await deps.identity.signIn(email, input.password);
    if (!tokens.refreshToken) throw new Error('The identity provider issued no refresh token');
    let session: PersonSession;
    try {
      session = await sessionOf(deps, tokens.accessToken, 'Wrong e-mail or password');
    } catch (error) {
      // A person who is no (longer a) member: what the provider issued must not stay usable.
      await deps.identity.revoke(tokens.refreshToken);
      throw error;
    }
    await attempt.succeeded();
    return { ...session, refreshToken: tokens.refreshToken };
  };

/**
 * A new access token for the refresh token of a sign-in, while the person is still a member (or
 * still a registered recipient).
 */
export const refreshSignIn =
  (deps: StaffSessionDeps) =>
  async (refreshToken: string): Promise<PersonSession> => {
    const tokens = await deps.identity.refresh(refreshToken);
    return sessionOf(deps, tokens.accessToken, 'No longer a member of the tenant; sign in again');
  };

/** Revokes the refresh token of a sign-in; signing out twice is harmless. */
export const signOut =
  (deps: Pick<StaffSessionDeps, 'identity'>) =>
  async (refreshToken: string | undefined): Promise<void> => {
    if (refreshToken) await deps.identity.revoke(refreshToken);
  };

/**
 * The person an access token belongs to: the token is verified offline, then the record read
 * (the caller may cache it briefly) — the recipient's account when the token names the
 * recipients' group, the membership otherwise — so a removed or demoted member loses access at
 * once whatever the token says.
 */
export const authenticatePerson =
  (deps: {
    tokens: AccessTokenVerifier;
    members: Pick<MembershipRepository, 'getByUser'>;
    recipients: Pick<RecipientRepository, 'getByUser'>;
  }) =>
  async (token: string): Promise<(StaffPrincipal | RecipientPrincipal) & { expiresAt: number }> => {
    const claims = await deps.tokens.verify(token);
    if (claims.groups.includes(RECIPIENT_GROUP)) {
      const recipient = await deps.recipients.getByUser(claims.userId);
      if (!recipient) throw new UnauthorizedError('This account is not a registered recipient');
      return {
        kind: 'recipient',
        recipientId: recipient.id,
        taxId: recipient.taxId,
        expiresAt: claims.expiresAt,
      };
    }
    const member = await deps.members.getByUser(claims.userId);
    if (member?.status !== 'active') {
      throw new UnauthorizedError('This account is not a member of a tenant');
    }
    return {
      kind: 'staff',
      tenantId: member.tenantId,
      userId: member.userId,
      email: member.email,
      role: member.role,
      expiresAt: claims.expiresAt,
    };
  };

/**
 * What the API answers for a sign-in or a refresh (the refresh token goes in a cookie): `user.kind`
 * tells a staff member (its tenant and role) from a registered recipient (its tax id).
 */
export const signedInView = (session: PersonSession) => ({
  accessToken: session.accessToken,
  expiresIn: session.expiresIn,
  user:
    'member' in session
      ? {
          kind: 'staff' as const,
          id: session.member.userId,
          email: session.member.email,
          tenantId: session.member.tenantId,
          role: session.member.role,
        }
      : {
          kind: 'recipient' as const,
          id: session.recipient.id,
          email: session.recipient.email,
          taxId: session.recipient.taxId,
          ...(session.recipient.name ? { name: session.recipient.name } : {}),
        },
});
