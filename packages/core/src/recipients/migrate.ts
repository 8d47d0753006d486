import type { Clock } from '../ports/clock.ts';
import type { Mailer } from '../ports/mailer.ts';
import { newRecipientLink, STAFF_LINK_HOURS } from '../staff/links.ts';
import { portalLink } from '../staff/members.ts';
import type { IdentityProvider, StaffLinkRepository } from '../staff/model.ts';
import { RECIPIENT_GROUP, type RecipientMigrationStore } from './model.ts';
import { recipientPasswordMail } from './password-texts.ts';

export interface MigrateRecipientsDeps {
  store: RecipientMigrationStore;
  identity: Pick<IdentityProvider, 'createUser'>;
  links: Pick<StaffLinkRepository, 'create'>;
  mailer: Mailer;
  clock: Clock;
  portalUrl: string;
}

export interface RecipientMigration {
  /** Accounts given a user (and mailed a link to choose a password). */
  migrated: number;
  /** Sello's own sessions deleted. */
  sessionsDeleted: number;
  /** Accounts that failed (they stay as they were; a new run retries them). */
  failed: { taxId: string; error: string }[];
}

/** As long as an invitation: people read such a mail days later. */
const LINK_HOURS = STAFF_LINK_HOURS.invitation;

/**
 * Moves the accounts registered before recipients signed in through the identity provider: each
 * gets a user in the recipients' group without a usable password, its password hash is deleted,
 * and the person gets a mail with a link to choose a new one (the password-reset flow). Sello's
 * own sessions are deleted, so none is accepted any more. Safe to run again: adopted accounts are
 * no longer listed.
 */
export const migrateRecipientAccounts =
  (deps: MigrateRecipientsDeps) => async (): Promise<RecipientMigration> => {
    const result: RecipientMigration = { migrated: 0, sessionsDeleted: 0, failed: [] };
    for (const account of await deps.store.legacyAccounts()) {
      try {
        // An e-mail that already signs in (a staff member) fails here and is reported.
        const { userId } = await deps.identity.createUser(account.email, {
          group: RECIPIENT_GROUP,
        });
        if (!(await deps.store.adopt(account, userId))) continue;
        const { secret, link } = newRecipientLink(
          { ...account, userId },
          deps.clock.now(),
          LINK_HOURS,
        );
        await deps.links.create(link);
        await deps.mailer.send({
          to: [account.email],
          ...recipientPasswordMail(
            'es',
            'migrated',
            portalLink(deps.portalUrl, 'reset-password', secret),
          ),
        });
        result.migrated++;
      } catch (error) {
        result.failed.push({ taxId: account.taxId, error: (error as Error).message });
      }
    }
    result.sessionsDeleted = await deps.store.deleteLegacySessions();
    return result;
  };
