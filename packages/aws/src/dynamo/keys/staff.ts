import { tenantPk } from './tenant.ts';

/**
 * Keys of the staff area (members of a tenant and the links Sello mails them). Part of the one key
 * design in ../keys.ts:
 *
 *   item              pk                   sk            gsi1pk / gsi1sk
 *   member            STAFF#<userId>       MEMBER        TENANT#<t>#STAFF / MEMBER#<createdAt>#<userId>
 *   member e-mail     STAFFEMAIL#<email>   STAFFEMAIL    (uniqueness guard; names the user)
 *   active owners     TENANT#<t>           STAFF#OWNERS  (their count: never taken below one)
 *   staff link        STAFFLINK#<sha256>   STAFFLINK     (invitation or reset; TTL `expiresAt`)
 *
 * A member is found by the identity provider's user id (one GetItem authenticates a token), by
 * e-mail through its guard, and per tenant through gsi1 in the order members were added.
 */
export const staffKeys = {
  member: (userId: string) => ({ pk: `STAFF#${userId}`, sk: 'MEMBER' }),
  memberOfTenant: (tenantId: string, createdAt: string, userId: string) => ({
    gsi1pk: `${tenantPk(tenantId)}#STAFF`,
    gsi1sk: `MEMBER#${createdAt}#${userId}`,
  }),
  membersOfTenant: (tenantId: string) => ({ gsi1pk: `${tenantPk(tenantId)}#STAFF` }),
  memberEmail: (email: string) => ({ pk: `STAFFEMAIL#${email}`, sk: 'STAFFEMAIL' }),
  activeOwners: (tenantId: string) => ({ pk: tenantPk(tenantId), sk: 'STAFF#OWNERS' }),
  staffLink: (hash: string) => ({ pk: `STAFFLINK#${hash}`, sk: 'STAFFLINK' }),
} as const;
