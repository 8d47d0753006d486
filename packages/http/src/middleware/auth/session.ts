import { ForbiddenError, UnauthorizedError } from '@sello/core/errors';
import { RECIPIENT_SECRET_PREFIX, type RecipientPrincipal } from '@sello/core/recipients';
import { bearerSecret } from './bearer.ts';
import type { Caller, CredentialStores } from './caller.ts';
import { looksLikeJwt, personPrincipal } from './staff.ts';

/** What Sello's own recipient sessions started with, before recipients signed in through Cognito. */
export const SESSION_PREFIX = RECIPIENT_SECRET_PREFIX.session;

/** A session Sello issued itself: no longer accepted, and told so in plain words. */
export const oldSessionRefused = () =>
  new UnauthorizedError('Sessions of this kind are no longer accepted; sign in again', [
    { path: 'authorization', message: 'Sign in at /v1/auth/sign-in' },
  ]);

/**
 * The registered recipient behind an access token; a staff member's valid token is refused for
 * its kind (403).
 */
export async function recipientPrincipal(
  token: string,
  stores: CredentialStores,
): Promise<RecipientPrincipal> {
  const principal = await personPrincipal(token, stores);
  if (principal.kind !== 'recipient') {
    throw new ForbiddenError('This route is for registered recipients', [
      { path: 'authorization', message: "Sign in with the recipient's account" },
    ]);
  }
  return principal;
}

/**
 * A registered recipient signed in (its access token). An API key is refused before any lookup;
 * a session of Sello's own (`sess_…`, from before) is refused as such.
 */
export const sessionCaller: Caller<RecipientPrincipal> = {
  authenticate: async (event, stores) => {
    const secret = bearerSecret(event, "recipient's access token");
    if (secret.startsWith(SESSION_PREFIX)) throw oldSessionRefused();
    if (!looksLikeJwt(secret)) {
      throw new UnauthorizedError("This route takes a recipient's access token, not an API key", [
        { path: 'authorization', message: 'Not an access token' },
      ]);
    }
    return recipientPrincipal(secret, stores);
  },
  owner: (principal) => `recipient:${principal.recipientId}`,
};
