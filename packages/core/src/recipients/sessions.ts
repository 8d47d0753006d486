import { NotFoundError, UnauthorizedError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type {
  RecipientAccount,
  RecipientRepository,
  RecipientSession,
  RecipientSessionRepository,
} from './model.ts';
import type { RecipientPrincipal } from './principal.ts';
import { generateSecret, hashSecret, looksLikeSecret } from './secrets.ts';

/** A session lasts a working day; then the recipient signs in again. */
export const RECIPIENT_SESSION_HOURS = 12;

/** A new session of `account`: the record to store and the token to hand over once. */
export function newRecipientSession(
  account: Pick<RecipientAccount, 'id' | 'taxId'>,
  now: Date,
): { token: string; session: RecipientSession } {
  const token = generateSecret('session');
  return {
    token,
    session: {
      hash: hashSecret(token),
      recipientId: account.id,
      taxId: account.taxId,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + RECIPIENT_SESSION_HOURS * 3_600_000).toISOString(),
    },
  };
}

/** Resolves a session token to its recipient; any failure reads the same to the caller. */
export const authenticateSession =
  ({ sessions, clock }: { sessions: RecipientSessionRepository; clock: Clock }) =>
  async (token: string): Promise<RecipientPrincipal & { expiresAt: string }> => {
    // Malformed values (an API key among them) never reach the database.
    const session = looksLikeSecret('session', token)
      ? await sessions.findByHash(hashSecret(token))
      : undefined;
    // Stored sessions disappear some time after expiry (TTL), so expiry is checked here too.
    if (!session || session.expiresAt <= clock.now().toISOString()) {
      throw new UnauthorizedError('Invalid or expired session; sign in again');
    }
    return {
      kind: 'recipient',
      recipientId: session.recipientId,
      taxId: session.taxId,
      expiresAt: session.expiresAt,
    };
  };

export const getCurrentRecipient =
  ({ recipients }: { recipients: Pick<RecipientRepository, 'getByTaxId'> }) =>
  async (principal: RecipientPrincipal): Promise<RecipientAccount> => {
    const account = await recipients.getByTaxId(principal.taxId);
    if (!account || account.id !== principal.recipientId) {
      throw new NotFoundError('Recipient', principal.recipientId);
    }
    return account;
  };
