import { UnauthorizedError, ValidationError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import { beginAttempt } from './attempts.ts';
import type { AttemptCounter, RecipientRepository, RecipientSessionRepository } from './model.ts';
import { decoyPasswordHash, verifyPassword } from './password.ts';
import type { RecipientSignedIn } from './register.ts';
import { newRecipientSession } from './sessions.ts';
import { normalizeRecipientEmail, recipientTaxId } from './tax-id.ts';

export interface RecipientLoginDeps {
  recipients: Pick<RecipientRepository, 'getByTaxId' | 'findByEmail'>;
  sessions: RecipientSessionRepository;
  attempts: AttemptCounter;
  clock: Clock;
}

export interface RecipientLoginInput {
  email?: string | undefined;
  taxId?: string | undefined;
  country?: string | undefined;
  password: string;
}

/**
 * Signs a recipient in with its e-mail (or tax id) and password and opens a session. Every failure
 * reads the same and takes as long, so the answer does not tell which accounts exist.
 */
export const loginRecipient =
  (deps: RecipientLoginDeps) =>
  async (
    input: RecipientLoginInput,
    source: { ip?: string | undefined },
  ): Promise<RecipientSignedIn> => {
    if ((input.email === undefined) === (input.taxId === undefined)) {
      throw new ValidationError('Sign in with either the e-mail or the tax id', [
        { path: input.email === undefined ? 'email' : 'taxId', message: 'Give exactly one' },
      ]);
    }
    const name =
      input.email !== undefined
        ? normalizeRecipientEmail(input.email)
        : recipientTaxId(input.taxId!, input.country);
    const account =
      input.email !== undefined
        ? await deps.recipients.findByEmail(name)
        : await deps.recipients.getByTaxId(name);
    // Counted per account, so switching between its e-mail and its tax id gains nothing.
    const attempt = await beginAttempt(
      deps,
      account ? `login:${account.id}` : `login:${name}`,
      source.ip,
    );
    const matches = await verifyPassword(
      input.password,
      account?.passwordHash ?? (await decoyPasswordHash()),
    );
    if (!account || !matches) throw new UnauthorizedError('Wrong e-mail, tax id or password');
    const { token, session } = newRecipientSession(account, deps.clock.now());
    await deps.sessions.create(session);
    await attempt.succeeded();
    return { account, session: { token, expiresAt: session.expiresAt } };
  };
