import { ENV } from '@sello/contracts';
import { type Mailer, notifyRecipients, systemClock, ulidIds } from '@sello/core';
import { optionalEnv } from '../config.ts';
import { repositories } from '../dynamo/repositories.ts';

/** Environment variable with the web portal's public base URL, used in notification links. */
export const PORTAL_URL_ENV = ENV.portalUrl;
/** `npm start` serves the portal next to the API on port 3000. */
export const LOCAL_PORTAL_URL = 'http://localhost:3000';

export const portalUrl = () => optionalEnv(PORTAL_URL_ENV) ?? LOCAL_PORTAL_URL;

/**
 * The post-issue subscriber that notifies invoices' customers, over DynamoDB and the given mailer
 * (the caller's SES mailer, so this module does not pull MIME building into every function).
 */
export function recipientNotifier(mailer: Mailer) {
  const r = repositories();
  return notifyRecipients({
    settings: r.settings,
    recipients: r.recipients,
    onboardingKeys: r.onboardingKeys,
    notifications: r.recipientNotifications,
    mailer,
    clock: systemClock,
    ids: ulidIds,
    portalUrl: portalUrl(),
  });
}
