import { defineRoute, type RouteDef } from '../route.ts';
import {
  AcceptInvitationInput,
  ForgotPasswordInput,
  Member,
  ResetPasswordInput,
  SignedIn,
  SignedUp,
  SignInInput,
} from '../schemas/staff.ts';
import { SignUpInput } from '../schemas/tenants.ts';
import { problem, read, readWrite } from './shared.ts';

/**
 * Staff sign-in, through Sello's API so the portal never talks to the identity provider (Cognito)
 * itself: the access token comes back in the body, the refresh token in an HttpOnly cookie
 * scoped to /v1/auth. Invitations and password resets are Sello's own single-use links.
 */
export const authRoutes = {
  signIn: defineRoute({
    id: 'signIn',
    method: 'POST',
    path: '/v1/auth/sign-in',
    entry: 'functions/auth/sign-in.ts',
    auth: 'public',
    access: readWrite,
    summary:
      'Sign a staff member in with e-mail and password; sets the refresh cookie. Failed attempts are rate limited',
    tag: 'Auth',
    request: { body: SignInInput },
    responses: {
      200: { description: 'Signed in; `Set-Cookie: sello_refresh=…`', schema: SignedIn },
      401: problem('Wrong e-mail or password'),
      429: problem('Too many failed attempts; see `Retry-After`'),
    },
  }),
  refreshAccessToken: defineRoute({
    id: 'refreshAccessToken',
    method: 'POST',
    path: '/v1/auth/refresh',
    entry: 'functions/auth/refresh-access-token.ts',
    auth: 'public',
    access: read,
    summary: 'A new access token for the sign-in in the `sello_refresh` cookie',
    tag: 'Auth',
    responses: {
      200: { description: 'A fresh access token', schema: SignedIn },
      401: problem('No refresh cookie, or it was revoked or expired; sign in again'),
    },
  }),
  signOut: defineRoute({
    id: 'signOut',
    method: 'POST',
    path: '/v1/auth/sign-out',
    entry: 'functions/auth/sign-out.ts',
    auth: 'public',
    access: [],
    summary: 'Revoke the sign-in in the `sello_refresh` cookie and clear the cookie',
    tag: 'Auth',
    responses: { 204: { description: 'Signed out (also when there was nothing to revoke)' } },
  }),
  forgotPassword: defineRoute({
    id: 'forgotPassword',
    method: 'POST',
    path: '/v1/auth/forgot-password',
    entry: 'functions/auth/forgot-password.ts',
    auth: 'public',
    access: ['table:read', 'table:write', 'mail:send'],
    summary:
      'Mail a password-reset link to the member with this e-mail, if there is one; the answer is the same either way',
    tag: 'Auth',
    request: { body: ForgotPasswordInput },
    responses: {
      202: { description: 'Accepted: a member with this e-mail gets the link' },
      429: problem('Too many requests for this e-mail or from this address; see `Retry-After`'),
    },
  }),
  resetPassword: defineRoute({
    id: 'resetPassword',
    method: 'POST',
    path: '/v1/auth/reset-password',
    entry: 'functions/auth/reset-password.ts',
    auth: 'public',
    access: ['table:read', 'table:write', 'users:manage'],
    summary: 'Set a new password with the token of a reset link (single use, one hour)',
    tag: 'Auth',
    request: { body: ResetPasswordInput },
    responses: {
      204: { description: 'The password is changed; sign in with it' },
      403: problem('The link is unknown, used or expired; `errors` names `token`'),
      429: problem('Too many failed attempts; see `Retry-After`'),
    },
  }),
  acceptInvitation: defineRoute({
    id: 'acceptInvitation',
    method: 'POST',
    path: '/v1/auth/accept-invitation',
    entry: 'functions/auth/accept-invitation.ts',
    auth: 'public',
    access: ['table:read', 'table:write', 'users:manage'],
    summary: 'Accept an invitation with its token (single use, seven days) and choose a password',
    tag: 'Auth',
    request: { body: AcceptInvitationInput },
    responses: {
      200: { description: 'The member is active; sign in with the password', schema: Member },
      403: problem('The invitation is unknown, used, expired or withdrawn; `errors` names `token`'),
      429: problem('Too many failed attempts; see `Retry-After`'),
    },
  }),
  signUp: defineRoute({
    id: 'signUp',
    method: 'POST',
    path: '/v1/auth/sign-up',
    entry: 'functions/auth/sign-up.ts',
    auth: 'public',
    access: ['table:read', 'table:write', 'users:manage'],
    summary:
      'A business signs itself up: its tenant (which issues at once) and its owner, who then signs ' +
      'in. The tax id is checked, not proven: the inbox of it opens once the tenant proves it ' +
      '(see `taxIdProof` in GET /v1/tenant). Send `Idempotency-Key` so a double submit answers ' +
      'the first outcome; every sign-up counts against the per-address limit',
    tag: 'Auth',
    request: { body: SignUpInput },
    responses: {
      201: {
        description: 'Signed up; sign in with the owner’s e-mail and password',
        schema: SignedUp,
      },
      409: problem('Somebody already signs in with this e-mail; `errors` names `owner.email`'),
      429: problem('Too many sign-ups or failed attempts from this address; see `Retry-After`'),
    },
  }),
} as const satisfies Record<string, RouteDef>;
