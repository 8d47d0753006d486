import { migrateRecipientAccounts } from '@sello/app/recipients';
import { MigrateRecipientsInput, triggered } from '@sello/contracts';
import { jobHandler } from '@sello/http';

const migrate = migrateRecipientAccounts();

/**
 * Operator action (`aws lambda invoke`), once after recipients moved to Cognito; running it again
 * finds nothing left to move. Answers what it did, and the accounts that failed by tax id.
 */
export const handler = jobHandler(triggered.migrateRecipientAccounts, MigrateRecipientsInput, () =>
  migrate(),
);
