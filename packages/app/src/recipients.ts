import { type Mailer, systemClock, ulidIds } from '@sello/core/ports';
import * as core from '@sello/core/recipients';
import { portalUrl } from './config.ts';
import { repositories } from './repositories.ts';

/** Recipients: onboarding keys, registration, sessions, and the buyer's notification on issue. */
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

export const registerRecipient = () =>
  core.registerRecipient({
    onboardingKeys: r().onboardingKeys,
    recipients: r().recipients,
    attempts: r().attempts,
    clock: systemClock,
    ids: ulidIds,
  });

export const loginRecipient = () =>
  core.loginRecipient({
    recipients: r().recipients,
    sessions: r().recipientSessions,
    attempts: r().attempts,
    clock: systemClock,
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
