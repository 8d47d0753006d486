import { ForbiddenError, UnauthorizedError } from '@sello/core/errors';
import type { RecipientAccount, RecipientPrincipal } from '@sello/core/recipients';
import { authenticatePerson, type Membership, type StaffPrincipal } from '@sello/core/staff';
import { looksLikeApiKey } from '@sello/core/tenants';
import { apiKeyPrincipal } from './api-key.ts';
import { bearerSecret } from './bearer.ts';
import type { Caller, CredentialStores, PeopleCredentials } from './caller.ts';

/**
 * Memberships and recipients' accounts read recently, by user id. Short-lived so a removal or a
 * role change reaches every warm container within CACHE_MS; the container making the change
 * forgets at once (`forgetMember`). Tokens themselves are verified on every request (offline,
 * against the provider's keys fetched once per container), so an expired one is refused to the
 * second.
 */
const CACHE_MS = 10_000;
const cache = new Map<string, { member: Membership | undefined; until: number }>();
const recipientCache = new Map<string, { account: RecipientAccount; until: number }>();

export const forgetMember = (userId: string) => {
  cache.delete(userId);
};

const cachedPeople = (people: PeopleCredentials): PeopleCredentials => ({
  tokens: people.tokens,
  members: {
    getByUser: async (userId) => {
      const hit = cache.get(userId);
      if (hit && hit.until > Date.now()) return hit.member;
      const member = await people.members.getByUser(userId);
      if (cache.size > 1000) cache.clear();
      // A missing member is not cached: an invitation accepted a moment ago must work at once.
      if (member) cache.set(userId, { member, until: Date.now() + CACHE_MS });
      return member;
    },
  },
  recipients: {
    getByUser: async (userId) => {
      const hit = recipientCache.get(userId);
      if (hit && hit.until > Date.now()) return hit.account;
      const account = await people.recipients.getByUser(userId);
      if (recipientCache.size > 1000) recipientCache.clear();
      if (account) recipientCache.set(userId, { account, until: Date.now() + CACHE_MS });
      return account;
    },
  },
});

/** Three base64url parts: a JWT, told from an API key (`sello_…`) or a session (`sess_…`). */
export const looksLikeJwt = (value: string): boolean =>
  /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(value);

/** The person behind an access token: a staff member or a registered recipient. */
export async function personPrincipal(
  token: string,
  stores: CredentialStores,
): Promise<StaffPrincipal | RecipientPrincipal> {
  if (!stores.people) {
    throw new UnauthorizedError('Signing in is not configured here; use an API key', [
      { path: 'authorization', message: 'Not accepted' },
    ]);
  }
  const { expiresAt: _, ...principal } = await authenticatePerson(cachedPeople(stores.people))(
    token,
  ).catch((error: unknown) => {
    // Every refusal of a token names the header it came in, like a missing one.
    if (error instanceof UnauthorizedError && !error.errors.length) {
      throw new UnauthorizedError(error.message, [
        { path: 'authorization', message: 'Invalid token' },
      ]);
    }
    throw error;
  });
  return principal;
}

/**
 * The staff member behind an access token. A registered recipient's valid token is refused for
 * its kind (403): it reads its own inbox, never a tenant.
 */
export async function staffPrincipal(
  token: string,
  stores: CredentialStores,
): Promise<StaffPrincipal> {
  const principal = await personPrincipal(token, stores);
  if (principal.kind === 'recipient') {
    throw new ForbiddenError("A recipient's access token does not open a tenant's routes", [
      { path: 'authorization', message: 'Sign in as a member of the tenant' },
    ]);
  }
  return principal;
}

/**
 * A person of the tenant, signed in (the portal), never a system: an API key is looked up like
 * any, and a valid one is refused for its kind (403), an invalid one as invalid (401).
 */
export const staffCaller: Caller<StaffPrincipal> = {
  authenticate: async (event, stores) => {
    const secret = bearerSecret(event, 'access token');
    if (looksLikeApiKey(secret)) {
      await apiKeyPrincipal(secret, stores);
      throw new ForbiddenError("This route takes a staff member's access token, not an API key", [
        { path: 'authorization', message: 'Sign in as a person' },
      ]);
    }
    return staffPrincipal(secret, stores);
  },
  owner: (principal) => `staff:${principal.userId}`,
};
