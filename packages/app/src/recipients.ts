import { type Mailer, systemClock, ulidIds } from '@sello/core/ports';
import * as core from '@sello/core/recipients';
import { signIn } from './auth.ts';
import { portalUrl } from './config.ts';
import { identityProvider } from './identity.ts';
import { textMailer } from './mail.ts';
import { repositories } from './repositories.ts';

/** Recipients: onboarding keys, registration, its migration, and the buyer's notification on issue. */
const r = () => repositories();

export const createOnboardingKey = () =>
  core.createIssuerKey({
    onboardingKeys: r().onboardingKeys,
    recipients: r().recipients,
    clock: systemClock,
    ids: ulidIds,
  });

export const listOnboardingKeys = () => core.listIssuerKeys({ onboardingKeys: r().onboardingKeys });

export const revokeOnboardingKey = () =>
  core.revokeIssuerKey({ onboardingKeys: r().onboardingKeys, clock: systemClock });

/**
 * Registers a recipient (Sello's decision, then the user at Cognito) and signs it in, as the
 * sign-in route does: the answer carries the access token and the refresh token for the cookie.
 */
export const registerRecipient = () => {
  const register = core.registerRecipient({
    onboardingKeys: r().onboardingKeys,
    recipients: r().recipients,
    identity: identityProvider(),
    attempts: r().attempts,
    clock: systemClock,
    ids: ulidIds,
  });
  const signInWith = signIn();
  return async (input: core.RecipientRegisterInput, source: { ip?: string | undefined }) => {
    const account = await register(input, source);
    return signInWith({ email: account.email, password: input.password }, source);
  };
};

/** The one-off move of accounts with Sello's own password hashes to Cognito (an operator runs it). */
export const migrateRecipientAccounts = () =>
  core.migrateRecipientAccounts({
    store: r().recipientMigration,
    identity: identityProvider(),
    links: r().staffLinks,
    mailer: textMailer(),
    clock: systemClock,
    portalUrl: portalUrl(),
  });

export const getCurrentRecipient = () => core.getCurrentRecipient({ recipients: r().recipients });

/**
 * The post-issue subscriber that notifies invoices' customers, over the given mailer (the text
 * mailer, so the post-issue step carries no MIME library).
 */
export function recipientNotifier(mailer: Mailer) {
  return core.notifyRecipients({
    settings: r().settings,
    recipients: r().recipients,
    onboardingKeys: r().onboardingKeys,
    notifications: r().recipientNotifications,
    mailer,
    clock: systemClock,
    ids: ulidIds,
    portalUrl: portalUrl(),
  });
}
