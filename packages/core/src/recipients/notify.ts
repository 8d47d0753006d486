import type { IssuedInvoicesSubscriber } from '../invoices/after-issue.ts';
import type { Invoice } from '../invoices/model.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { Mailer } from '../ports/mailer.ts';
import { getSettings } from '../settings/get-settings.ts';
import type { SettingsRepository, TenantSettings } from '../settings/settings.ts';
import type {
  OnboardingKeyRepository,
  RecipientNotificationLog,
  RecipientRepository,
} from './model.ts';
import { type RecipientNotificationLink, recipientNotificationMail } from './notification-texts.ts';
import { createEmailKey } from './onboarding-keys.ts';
import { canOnboard } from './tax-id.ts';

export interface NotifyRecipientsDeps {
  settings: SettingsRepository;
  recipients: Pick<RecipientRepository, 'getByTaxId'>;
  onboardingKeys: Pick<OnboardingKeyRepository, 'create'>;
  notifications: RecipientNotificationLog;
  mailer: Mailer;
  clock: Clock;
  ids: IdGenerator;
  /** The web portal, e.g. `https://app.sello.example` (no trailing slash needed). */
  portalUrl: string;
}

/** A sender that died mid-mail leaves its claim; after this long another delivery may send. */
const CLAIM_LEASE_SECONDS = 5 * 60;

const notifiable = (invoice: Invoice) =>
  invoice.number !== undefined &&
  invoice.status !== 'draft' &&
  invoice.status !== 'void' &&
  !!invoice.customer.email;

/**
 * Post-issue step: e-mails each issued invoice's customer when its issuer turned on
 * `notifications.recipientsOnIssue`. A customer without an account gets the email key of
 * onboarding in a registration link. Once per invoice: a conditional marker item makes a
 * re-delivered batch send nothing twice. Mails that fail are retried by re-running the batch
 * (the error is thrown after the rest were sent).
 */
export const notifyRecipients =
  (deps: NotifyRecipientsDeps): IssuedInvoicesSubscriber =>
  async (invoices) => {
    const base = deps.portalUrl.replace(/\/+$/, '');
    const settingsOf = new Map<string, Promise<TenantSettings>>();
    const failures: unknown[] = [];
    for (const invoice of invoices) {
      if (!notifiable(invoice)) continue;
      if (!settingsOf.has(invoice.tenantId)) {
        settingsOf.set(invoice.tenantId, getSettings(deps)(invoice.tenantId));
      }
      const settings = await settingsOf.get(invoice.tenantId)!;
      if (!settings.notifications.recipientsOnIssue) continue;
      const claimed = await deps.notifications.claim(
        invoice.tenantId,
        invoice.id,
        deps.clock.now(),
        CLAIM_LEASE_SECONDS,
      );
      if (!claimed) continue;
      let messageId: string;
      try {
        const link = await linkFor(deps, base, invoice);
        ({ messageId } = await deps.mailer.send({
          to: [invoice.customer.email!],
          ...recipientNotificationMail(invoice, link),
          ...(invoice.issuer.email ? { replyTo: invoice.issuer.email } : {}),
        }));
      } catch (error) {
        // Not sent: let a retry send it.
        await deps.notifications.release(invoice.tenantId, invoice.id).catch(() => undefined);
        failures.push(error);
        continue;
      }
      // Sent: the claim stays even if recording fails, so a prompt retry does not mail again.
      await deps.notifications
        .complete(invoice.tenantId, invoice.id, { messageId, at: deps.clock.now().toISOString() })
        .catch((error: unknown) => failures.push(error));
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length) throw new AggregateError(failures, 'Some recipients were not notified');
  };

async function linkFor(
  deps: NotifyRecipientsDeps,
  base: string,
  invoice: Invoice,
): Promise<RecipientNotificationLink> {
  const taxId = invoice.customer.taxId;
  if (!canOnboard(taxId)) return { kind: 'none' };
  if (await deps.recipients.getByTaxId(taxId)) return { kind: 'inbox', url: `${base}/inbox` };
  const { record, secret } = await createEmailKey(deps)(invoice.tenantId, taxId, invoice.id);
  // Tax ids are read as Spanish unless told otherwise (see recipientTaxId): a foreign buyer's
  // link names the country its tax id was checked against, for the registration form to send.
  const country = invoice.customer.address.country;
  const query = new URLSearchParams({
    taxId,
    ...(country !== 'ES' ? { country } : {}),
    key: secret,
  });
  return { kind: 'register', url: `${base}/register?${query}`, expiresAt: record.expiresAt };
}
