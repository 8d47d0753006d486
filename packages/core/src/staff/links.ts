import { ForbiddenError } from '../errors.ts';
import type { Clock } from '../ports/clock.ts';
import type { RecipientAccount } from '../recipients/model.ts';
import { generateSecret, hashSecret, looksLikeSecret, sameHash } from '../recipients/secrets.ts';
import type { Membership, StaffLink, StaffLinkKind, StaffLinkRepository } from './model.ts';

/** How long a link works: a week to accept an invitation, an hour to reset a password. */
export const STAFF_LINK_HOURS: Record<StaffLinkKind, number> = {
  invitation: 7 * 24,
  passwordReset: 1,
};

/** A new link for `member`: the record to store and the secret to mail once. */
export function newStaffLink(
  kind: StaffLinkKind,
  member: Pick<Membership, 'userId' | 'tenantId' | 'email'>,
  now: Date,
): { secret: string; link: StaffLink } {
  const secret = generateSecret(kind);
  return {
    secret,
    link: {
      hash: hashSecret(secret),
      kind,
      userId: member.userId,
      tenantId: member.tenantId,
      email: member.email,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + STAFF_LINK_HOURS[kind] * 3_600_000).toISOString(),
    },
  };
}

/** A password link for a registered recipient: the staff links' flow, naming its tax id. */
export function newRecipientLink(
  account: Pick<RecipientAccount, 'userId' | 'taxId' | 'email'>,
  now: Date,
  hours: number = STAFF_LINK_HOURS.passwordReset,
): { secret: string; link: StaffLink } {
  const secret = generateSecret('passwordReset');
  return {
    secret,
    link: {
      hash: hashSecret(secret),
      kind: 'passwordReset',
      userId: account.userId,
      recipientTaxId: account.taxId,
      email: account.email,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    },
  };
}

const NAME: Record<StaffLinkKind, string> = {
  invitation: 'invitation',
  passwordReset: 'password reset link',
};

/**
 * Takes the link behind `secret` for one use: it must be of `kind`, unused and unexpired. Each
 * refusal names `token`; telling a spent link from an expired one helps its holder and tells
 * nobody else anything, since reaching those answers takes the secret.
 */
export async function consumeStaffLink(
  deps: { links: StaffLinkRepository; clock: Clock },
  kind: StaffLinkKind,
  secret: string,
): Promise<{ link: StaffLink; at: string }> {
  const refuse = (message: string) =>
    new ForbiddenError(`This ${NAME[kind]} cannot be used`, [{ path: 'token', message }]);
  if (!looksLikeSecret(kind, secret)) throw refuse('Not a valid link');
  const hash = hashSecret(secret);
  const link = await deps.links.findByHash(hash);
  if (!link || link.kind !== kind || !sameHash(link.hash, hash)) throw refuse('Unknown link');
  const at = deps.clock.now().toISOString();
  if (link.usedAt) throw refuse('This link was already used');
  if (link.expiresAt <= at)
    throw refuse(`This link expired at ${link.expiresAt}; ask for a new one`);
  if (!(await deps.links.consume(link, at))) throw refuse('This link was used meanwhile');
  return { link, at };
}
