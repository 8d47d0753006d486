import { systemClock, ulidIds } from '@sello/core/ports';
import * as core from '@sello/core/staff';
import * as tenants from '@sello/core/tenants';
import { portalUrl } from './config.ts';
import { accessTokenVerifier, identityProvider } from './identity.ts';
import { textMailer } from './mail.ts';
import { repositories } from './repositories.ts';

/** Staff sign-in, invitations and password resets, over Cognito and the table. */
const r = () => repositories();

const sessionDeps = () => {
  const tokens = accessTokenVerifier();
  if (!tokens) throw new Error('No user pool is configured');
  return { identity: identityProvider(), tokens, members: r().memberships, clock: systemClock };
};

const passwordDeps = () => ({
  members: r().memberships,
  links: r().staffLinks,
  identity: identityProvider(),
  attempts: r().attempts,
  clock: systemClock,
});

export const signIn = () => core.signIn({ ...sessionDeps(), attempts: r().attempts });

export const refreshAccessToken = () => core.refreshSignIn(sessionDeps());

export const signOut = () => core.signOut({ identity: identityProvider() });

export const forgotPassword = () =>
  core.requestPasswordReset({
    members: r().memberships,
    links: r().staffLinks,
    attempts: r().attempts,
    clock: systemClock,
    tenants: r().tenants,
    mailer: textMailer(),
    portalUrl: portalUrl(),
  });

export const resetPassword = () => core.resetPassword(passwordDeps());

export const acceptInvitation = () => core.acceptInvitation(passwordDeps());

/** A business signs itself up: tenant and owner (a Cognito user), both or neither. */
export const signUp = () =>
  tenants.signUp({
    signUps: r().signUps,
    members: r().memberships,
    identity: identityProvider(),
    attempts: r().attempts,
    clock: systemClock,
    ids: ulidIds,
  });
