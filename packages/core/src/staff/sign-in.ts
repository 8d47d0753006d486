import { UnauthorizedError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import { beginAttempt } from '../recipients/attempts.ts';
import type { AttemptCounter } from '../recipients/model.ts';
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

export interface StaffSessionDeps {
  identity: IdentityProvider;
  tokens: AccessTokenVerifier;
  members: Pick<MembershipRepository, 'getByUser'>;
  clock: Clock;
}

/** A signed-in staff member: the access token for the API and what the portal shows. */
export interface StaffSession {
  accessToken: string;
  /** Seconds the access token is valid for. */
  expiresIn: number;
  member: Membership;
}

/** The member behind a fresh access token, which must be an active member of a tenant. */
async function sessionOf(
  deps: StaffSessionDeps,
  accessToken: string,
  refused: string,
): Promise<StaffSession> {
  const claims = await deps.tokens.verify(accessToken);
  const member = await deps.members.getByUser(claims.userId);
  if (member?.status !== 'active') throw new UnauthorizedError(refused);
  const now = Math.floor(deps.clock.now().getTime() / 1000);
  return { accessToken, expiresIn: Math.max(0, claims.expiresAt - now), member };
}

/**
 * Signs a staff member in with e-mail and password, which the identity provider checks. Failed
 * attempts are rate limited per e-mail and per source address, like recipients' sign-ins; every
 * failure reads the same, so the answer does not tell who is a member.
 */
export const signIn =
  (deps: StaffSessionDeps & { attempts: AttemptCounter }) =>
  async (
    input: { email: string; password: string },
    source: { ip?: string | undefined },
  ): Promise<StaffSession & { refreshToken: string }> => {
    const email = normalizeStaffEmail(input.email);
    const attempt = await beginAttempt(deps, `staff-login:${email}`, source.ip);
    const tokens = await deps.identity.signIn(email, input.password);
    if (!tokens.refreshToken) throw new Error('The identity provider issued no refresh token');
    let session: StaffSession;
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

/** A new access token for the refresh token of a sign-in, while the person is still a member. */
export const refreshSignIn =
  (deps: StaffSessionDeps) =>
  async (refreshToken: string): Promise<StaffSession> => {
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
 * The staff member an access token belongs to: the token is verified offline, the membership
 * read (the caller may cache it briefly), so a removed or demoted member loses access at once
 * whatever the token says.
 */
export const authenticateStaff =
  (deps: { tokens: AccessTokenVerifier; members: Pick<MembershipRepository, 'getByUser'> }) =>
  async (token: string): Promise<StaffPrincipal & { expiresAt: number }> => {
    const claims = await deps.tokens.verify(token);
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

/** What the API answers for a sign-in or a refresh (the refresh token goes in a cookie). */
export const signedInView = (session: StaffSession) => ({
  accessToken: session.accessToken,
  expiresIn: session.expiresIn,
  user: {
    id: session.member.userId,
    email: session.member.email,
    tenantId: session.member.tenantId,
    role: session.member.role,
  },
});
