import { ConflictError, type FieldError, ForbiddenError } from '../errors.ts';
import type { Language } from '../parties/party.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { IdentityProvider } from '../staff/model.ts';
import { beginAttempt } from './attempts.ts';
import {
  type AttemptCounter,
  type OnboardingKey,
  type OnboardingKeyKind,
  type OnboardingKeyRepository,
  RECIPIENT_GROUP,
  type RecipientAccount,
  type RecipientRepository,
} from './model.ts';
import { checkPassword } from './password.ts';
import { hashSecret, looksLikeSecret, type SecretKind, sameHash } from './secrets.ts';
import { normalizeRecipientEmail, recipientTaxId } from './tax-id.ts';

export interface RecipientRegisterDeps {
  onboardingKeys: Pick<OnboardingKeyRepository, 'findByHash'>;
  recipients: RecipientRepository;
  /** Keeps the password: Sello decides who may register, then creates the user there. */
  identity: Pick<IdentityProvider, 'createUser' | 'setPassword' | 'deleteUser'>;
  attempts: AttemptCounter;
  clock: Clock;
  ids: IdGenerator;
}

export interface RecipientRegisterInput {
  taxId: string;
  country?: string | undefined;
  emailKey: string;
  issuerKey: string;
  email: string;
  name?: string | undefined;
  language?: Language | undefined;
  password: string;
}

const FIELD: Record<OnboardingKeyKind, { field: 'emailKey' | 'issuerKey'; secret: SecretKind }> = {
  email: { field: 'emailKey', secret: 'emailKey' },
  issuer: { field: 'issuerKey', secret: 'issuerKey' },
};

/**
 * Finds the key behind `secret` and says why it cannot be used, if so. Telling expired, used and
 * revoked keys apart helps the person holding one; it reveals nothing to anyone else, since
 * reaching those answers takes the secret itself.
 */
async function usableKey(
  repo: RecipientRegisterDeps['onboardingKeys'],
  kind: OnboardingKeyKind,
  secret: string,
  taxId: string,
  now: string,
): Promise<{ key: OnboardingKey } | { error: FieldError }> {
  const { field } = FIELD[kind];
  const other = kind === 'email' ? 'issuer' : 'email';
  const fail = (message: string) => ({ error: { path: field, message } });
  if (looksLikeSecret(FIELD[other].secret, secret)) {
    return fail(`This is the ${other} key; give it as ${FIELD[other].field}`);
  }
  if (!looksLikeSecret(FIELD[kind].secret, secret)) return fail('Not a key');
  const hash = hashSecret(secret);
  const key = await repo.findByHash(hash);
  if (!key || key.kind !== kind || !sameHash(key.hash, hash)) return fail('Unknown key');
  if (key.taxId !== taxId) return fail('This key was not issued for this tax id');
  if (key.revokedAt) return fail('The issuer revoked this key; ask for a new one');
  if (key.usedAt) return fail('This key was already used');
  if (key.expiresAt <= now) return fail(`This key expired at ${key.expiresAt}; ask for a new one`);
  return { key };
}

/**
 * Creates a recipient's account with both onboarding keys (the one from the notification mail and
 * the one from the issuer), consuming them in the same transaction. The keys are Sello's decision
 * of who may read a tax id's inbox; only then is the user created at the identity provider, in the
 * recipients' group, with the chosen password (the caller signs it in). Failed attempts are rate
 * limited per tax id and per source address.
 */
export const registerRecipient =
  (deps: RecipientRegisterDeps) =>
  async (
    input: RecipientRegisterInput,
    source: { ip?: string | undefined },
  ): Promise<RecipientAccount> => {
    const taxId = recipientTaxId(input.taxId, input.country);
    const email = normalizeRecipientEmail(input.email);
    checkPassword(input.password);
    const attempt = await beginAttempt(deps, `register:${taxId}`, source.ip);
    const now = deps.clock.now();
    const [emailKey, issuerKey] = await Promise.all([
      usableKey(deps.onboardingKeys, 'email', input.emailKey, taxId, now.toISOString()),
      usableKey(deps.onboardingKeys, 'issuer', input.issuerKey, taxId, now.toISOString()),
    ]);
    if ('error' in emailKey || 'error' in issuerKey) {
      const errors = [emailKey, issuerKey].flatMap((k) => ('error' in k ? [k.error] : []));
      throw new ForbiddenError('The onboarding keys do not allow this registration', errors);
    }
    if (await deps.recipients.getByTaxId(taxId)) {
      throw new ConflictError(`${taxId} already has an account; sign in instead`, [
        { path: 'taxId', message: 'Already registered' },
      ]);
    }
    if (await deps.recipients.findByEmail(email)) {
      throw new ConflictError('Another account signs in with this e-mail', [
        { path: 'email', message: 'Already used by another account' },
      ]);
    }
    // A staff member (or a twin registering right now) already signs in with this e-mail: 409.
    const { userId } = await deps.identity.createUser(email, { group: RECIPIENT_GROUP });
    const name = input.name?.trim();
    const account: RecipientAccount = {
      id: deps.ids.next('rcp'),
      taxId,
      email,
      userId,
      ...(name ? { name } : {}),
      ...(input.language ? { language: input.language } : {}),
      createdAt: now.toISOString(),
      emailKeyId: emailKey.key.id,
      issuerKeyId: issuerKey.key.id,
    };
    try {
      await deps.identity.setPassword(email, input.password);
      await deps.recipients.register({
        account,
        emailKey: emailKey.key,
        issuerKey: issuerKey.key,
        at: now.toISOString(),
      });
    } catch (error) {
      // Refused (policy, spent key, concurrent twin): the user made here must not linger.
      await deps.identity.deleteUser(email);
      throw error;
    }
    await attempt.succeeded();
    return account;
  };
