import { ConflictError, NotFoundError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { IdGenerator } from '../ports/ids.ts';
import type { Page, PageRequest } from '../shared/page.ts';
import type { OnboardingKey, OnboardingKeyRepository, RecipientRepository } from './model.ts';
import { generateSecret, hashSecret } from './secrets.ts';
import { recipientTaxId } from './tax-id.ts';

/** How long a key may wait to be used: long enough for a monthly invoice cycle. */
export const ONBOARDING_KEY_DAYS = { email: 30, issuer: 30 } as const;

export interface OnboardingDeps {
  onboardingKeys: OnboardingKeyRepository;
  recipients: Pick<RecipientRepository, 'getByTaxId'>;
  clock: Clock;
  ids: IdGenerator;
}

const addDays = (at: Date, days: number) => new Date(at.getTime() + days * 86_400_000);

type KeyMaker = {
  onboardingKeys: Pick<OnboardingKeyRepository, 'create'>;
} & Pick<OnboardingDeps, 'clock' | 'ids'>;

async function newKey(
  deps: KeyMaker,
  fields: Pick<OnboardingKey, 'kind' | 'tenantId' | 'taxId' | 'invoiceId'>,
): Promise<{ record: OnboardingKey; secret: string }> {
  const secret = generateSecret(fields.kind === 'email' ? 'emailKey' : 'issuerKey');
  const now = deps.clock.now();
  const record: OnboardingKey = {
    id: deps.ids.next('onb'),
    ...fields,
    hash: hashSecret(secret),
    createdAt: now.toISOString(),
    expiresAt: addDays(now, ONBOARDING_KEY_DAYS[fields.kind]).toISOString(),
  };
  if (record.invoiceId === undefined) delete record.invoiceId;
  await deps.onboardingKeys.create(record);
  return { record, secret };
}

/**
 * The issuer's half of onboarding (key management): a key for a recipient's tax id, handed over
 * by the issuer; the secret is returned once and never stored.
 */
export const createIssuerKey =
  (deps: OnboardingDeps) =>
  async (
    tenantId: string,
    input: { taxId: string; country?: string | undefined },
  ): Promise<{ record: OnboardingKey; secret: string }> => {
    const taxId = recipientTaxId(input.taxId, input.country);
    if (await deps.recipients.getByTaxId(taxId)) {
      throw new ConflictError(`${taxId} already has an account: its invoices reach its inbox`, [
        { path: 'taxId', message: 'Already registered' },
      ]);
    }
    return newKey(deps, { kind: 'issuer', tenantId, taxId });
  };

/** The mail's half of onboarding, made when an invoice is notified to an unregistered buyer. */
export const createEmailKey =
  (deps: KeyMaker) => (tenantId: string, taxId: string, invoiceId?: string) =>
    newKey(deps, { kind: 'email', tenantId, taxId, invoiceId });

export const listIssuerKeys =
  ({ onboardingKeys }: Pick<OnboardingDeps, 'onboardingKeys'>) =>
  (tenantId: string, page: PageRequest): Promise<Page<OnboardingKey>> =>
    onboardingKeys.listIssuerKeys(tenantId, page);

/** Revokes an unused issuer key at once; revoking twice is harmless. */
export const revokeIssuerKey =
  ({ onboardingKeys, clock }: Pick<OnboardingDeps, 'onboardingKeys' | 'clock'>) =>
  async (tenantId: string, id: string): Promise<void> => {
    const key = await onboardingKeys.getIssuerKey(tenantId, id);
    if (!key) throw new NotFoundError('Onboarding key', id);
    if (key.revokedAt) return;
    if (key.usedAt) throw new ConflictError('The key was already used to register an account');
    await onboardingKeys.revoke(key, clock.now().toISOString());
  };
