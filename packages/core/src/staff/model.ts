import type { Page, PageRequest } from '../shared/page.ts';

/**
 * What a staff member may do in its tenant. Which routes each role reaches is the route table's
 * business (`roles` in @sello/contracts); the domain only keeps who holds which role and that a
 * tenant never loses its last owner.
 */
export const STAFF_ROLES = ['owner', 'admin', 'accountant', 'technician', 'readOnly'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** Invited: the person has not chosen a password yet. Active: signs in. */
export type MemberStatus = 'invited' | 'active';

/**
 * A person who works for a tenant. The person signs in to the identity provider (Cognito), which
 * keeps the password; Sello keeps who it is for the tenant, keyed by the provider's user id.
 */
export interface Membership {
  /** The identity provider's user id (Cognito `sub`). */
  userId: string;
  tenantId: string;
  /** Lower case; the sign-in name. */
  email: string;
  name?: string;
  role: StaffRole;
  status: MemberStatus;
  createdAt: string;
  /** When the invitation was accepted (or the member was created active). */
  joinedAt?: string;
  /** The work centres the member works at; its only one is its invoices' default centre. */
  centreIds?: string[];
  version: number;
}

/** A staff member signed in with an access token of the tenant's identity provider. */
export interface StaffPrincipal {
  kind: 'staff';
  tenantId: string;
  userId: string;
  email: string;
  role: StaffRole;
}

export interface MembershipRepository {
  /** The membership of a user, for authentication (one tenant per person). */
  getByUser(userId: string): Promise<Membership | undefined>;
  findByEmail(email: string): Promise<Membership | undefined>;
  /** Members of a tenant, in the order they were added. */
  list(tenantId: string, page: PageRequest): Promise<Page<Membership>>;
  /**
   * Adds a member; its e-mail must belong to no other member (ConflictError naming `email`). An
   * active owner counts towards the tenant's owners.
   */
  create(member: Membership): Promise<void>;
  /**
   * Writes `next` (the same member at `next.version`, one above the stored one) and keeps the
   * count of active owners: a change that would leave the tenant without an active owner is a
   * ConflictError, a lost race a PreconditionFailedError.
   */
  update(previous: Membership, next: Membership): Promise<void>;
  /** Removes a member, refused like `update` when it is the last active owner. */
  remove(member: Membership): Promise<void>;
}

/** Single-use links Sello mails to staff: an invitation, or a password reset. */
export type StaffLinkKind = 'invitation' | 'passwordReset';

/**
 * Only the SHA-256 of the link's secret is kept. A member's link names its tenant; a registered
 * recipient's password link (the same reset flow, one sign-in for everyone) names its tax id.
 */
export interface StaffLink {
  hash: string;
  kind: StaffLinkKind;
  userId: string;
  /** A member's tenant (absent on a recipient's link). */
  tenantId?: string;
  /** A recipient's tax id (absent on a member's link). */
  recipientTaxId?: string;
  email: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
}

export interface StaffLinkRepository {
  create(link: StaffLink): Promise<void>;
  findByHash(hash: string): Promise<StaffLink | undefined>;
  /** Marks it used if it is still unused and unexpired at `at`; false when it was not. */
  consume(link: StaffLink, at: string): Promise<boolean>;
  /** Gives back a link consumed at `at` whose step then failed, so it can be used again. */
  release(link: StaffLink, at: string): Promise<void>;
}

/** Tokens of one sign-in: Sello hands the access token to the portal, the refresh token in a cookie. */
export interface IdentityTokens {
  accessToken: string;
  /** Absent on a refresh: the refresh token stays the one presented. */
  refreshToken?: string;
}

/**
 * The identity provider people sign in to (Cognito). Sello stores no password: it asks the
 * provider to check one, to set one, and to create and delete users. Users are named by e-mail.
 */
export interface IdentityProvider {
  /** Checks the password; a wrong one (or a user that cannot sign in) is an UnauthorizedError. */
  signIn(email: string, password: string): Promise<IdentityTokens>;
  /** A new access token for a refresh token; an unknown or revoked one is an UnauthorizedError. */
  refresh(refreshToken: string): Promise<IdentityTokens>;
  /** Revokes a refresh token (and what it issued); one already revoked is no error. */
  revoke(refreshToken: string): Promise<void>;
  /**
   * Creates a user that cannot sign in until a password is set (no mail is sent: Sello mails its
   * own invitation), in `group` when given; an e-mail already taken is a ConflictError naming
   * `email`.
   */
  createUser(email: string, options?: { group?: string }): Promise<{ userId: string }>;
  /** Sets the user's permanent password; one the provider's policy refuses is a ValidationError. */
  setPassword(email: string, password: string): Promise<void>;
  /** Deletes the user; an absent one is no error. */
  deleteUser(email: string): Promise<void>;
}

/** What a verified access token says. */
export interface AccessTokenClaims {
  /** The user id (Cognito `sub`). */
  userId: string;
  /** Epoch seconds. */
  expiresAt: number;
  /** The user's groups at the identity provider (`cognito:groups`); RECIPIENT_GROUP marks recipients. */
  groups: readonly string[];
}

/**
 * Verifies access tokens of the identity provider offline (signature against its published keys,
 * issuer, client, token use, expiry). Refusals are UnauthorizedErrors.
 */
export interface AccessTokenVerifier {
  verify(token: string): Promise<AccessTokenClaims>;
}

/** What the API shows of a member. */
export function memberView(m: Membership) {
  return {
    id: m.userId,
    email: m.email,
    ...(m.name ? { name: m.name } : {}),
    role: m.role,
    status: m.status,
    createdAt: m.createdAt,
    ...(m.joinedAt ? { joinedAt: m.joinedAt } : {}),
    ...(m.centreIds?.length ? { centreIds: m.centreIds } : {}),
  };
}
