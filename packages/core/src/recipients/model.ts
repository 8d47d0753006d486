import type { Language } from '../parties/party.ts';
import type { Page, PageRequest } from '../shared/page.ts';

/**
 * The two keys of onboarding: the notification mail carries the `email` key, the issuer hands
 * over the `issuer` key (key management). Only the SHA-256 of each secret is kept.
 */
export type OnboardingKeyKind = 'email' | 'issuer';

export interface OnboardingKey {
  id: string;
  kind: OnboardingKeyKind;
  /** The issuer whose mail or key management made it. */
  tenantId: string;
  /** The recipient it onboards (normalised). */
  taxId: string;
  hash: string;
  createdAt: string;
  expiresAt: string;
  /** Email keys: the invoice whose notification carried it. */
  invoiceId?: string;
  usedAt?: string;
  /** The account it helped create. */
  recipientId?: string;
  revokedAt?: string;
}

/**
 * The Cognito group every registered recipient's user belongs to: its access tokens carry it
 * (`cognito:groups`), so the API tells a recipient from staff before reading any record.
 */
export const RECIPIENT_GROUP = 'recipients';

/**
 * A registered recipient: one per tax id. The person signs in to the identity provider (Cognito),
 * which keeps the password; this record says which tax id's inbox its user may read.
 */
export interface RecipientAccount {
  id: string;
  taxId: string;
  /** Lower case; unique across accounts (it is the sign-in name). */
  email: string;
  /** The identity provider's user id (Cognito `sub`). */
  userId: string;
  /** The person's name, as given at registration. */
  name?: string;
  /** The language the person registered in; Sello's mails to the account use it (else Spanish). */
  language?: Language;
  createdAt: string;
  /** The keys that proved the registration. */
  emailKeyId: string;
  issuerKeyId: string;
}

/**
 * An account as Sello kept them before recipients signed in through Cognito: a password hash of
 * its own and no user at the identity provider. Only the migration reads these.
 */
export interface LegacyRecipientAccount extends Omit<RecipientAccount, 'userId'> {
  userId?: undefined;
}

export interface OnboardingKeyRepository {
  create(key: OnboardingKey): Promise<void>;
  findByHash(hash: string): Promise<OnboardingKey | undefined>;
  /** Issuer keys of a tenant, oldest first. */
  listIssuerKeys(tenantId: string, page: PageRequest): Promise<Page<OnboardingKey>>;
  getIssuerKey(tenantId: string, id: string): Promise<OnboardingKey | undefined>;
  revoke(key: OnboardingKey, at: string): Promise<void>;
}

export interface RecipientRegistration {
  account: RecipientAccount;
  emailKey: OnboardingKey;
  issuerKey: OnboardingKey;
  at: string;
}

export interface RecipientRepository {
  getByTaxId(taxId: string): Promise<RecipientAccount | undefined>;
  findByEmail(email: string): Promise<RecipientAccount | undefined>;
  /** The account of an identity provider's user, for authentication. */
  getByUser(userId: string): Promise<RecipientAccount | undefined>;
  /**
   * In one transaction: marks both keys used (each only if still unused, unrevoked, unexpired
   * and for the account's tax id) and creates the account (only if the tax id, the e-mail and
   * the user have none). Nothing is written when any condition fails: a ForbiddenError names the
   * key that was consumed meanwhile, a ConflictError an account that now exists.
   */
  register(registration: RecipientRegistration): Promise<void>;
}

/** What the move of recipients to the identity provider reads and writes (run once). */
export interface RecipientMigrationStore {
  /** Accounts that still have a password hash of Sello's own and no user. */
  legacyAccounts(): Promise<LegacyRecipientAccount[]>;
  /**
   * Gives the account its user (findable by it from now on) and deletes its password hash, in
   * one transaction; an account adopted meanwhile is left as it is (false).
   */
  adopt(account: LegacyRecipientAccount, userId: string): Promise<boolean>;
  /** Deletes every session Sello issued itself; answers how many there were. */
  deleteLegacySessions(): Promise<number>;
}

/**
 * Counts attempts per subject in fixed time windows, with conditional writes so concurrent
 * requests cannot overshoot the limit.
 */
export interface AttemptCounter {
  /** Takes one attempt if fewer than `limit` were taken in the window; false otherwise. */
  take(
    subject: string,
    windowStart: number,
    windowSeconds: number,
    limit: number,
  ): Promise<boolean>;
  /** Gives back an attempt taken in that window (the attempt succeeded, so it does not count). */
  giveBack(subject: string, windowStart: number): Promise<void>;
}

/** Remembers which invoices' recipients were notified, so a retried delivery mails once. */
export interface RecipientNotificationLog {
  /**
   * Claims the notification of an invoice: true if nobody sent it and no other worker is sending
   * it now (a claim older than `leaseSeconds` is abandoned and may be taken over).
   */
  claim(tenantId: string, invoiceId: string, at: Date, leaseSeconds: number): Promise<boolean>;
  /** Records the sent mail. */
  complete(
    tenantId: string,
    invoiceId: string,
    detail: { messageId: string; at: string },
  ): Promise<void>;
  /** Drops a claim whose mail failed, so a retry sends it. */
  release(tenantId: string, invoiceId: string): Promise<void>;
}

/** What issuers see of a key: never its hash. */
export function onboardingKeyView(k: OnboardingKey) {
  return {
    id: k.id,
    taxId: k.taxId,
    createdAt: k.createdAt,
    expiresAt: k.expiresAt,
    ...(k.usedAt ? { usedAt: k.usedAt } : {}),
    ...(k.revokedAt ? { revokedAt: k.revokedAt } : {}),
  };
}

export function recipientView(a: RecipientAccount) {
  return {
    id: a.id,
    taxId: a.taxId,
    email: a.email,
    ...(a.name ? { name: a.name } : {}),
    createdAt: a.createdAt,
  };
}
