/**
 * Names of the stateful resources that the CDK stack creates and the adapters use, with no SDK
 * imports, so the two cannot drift.
 *
 * The single table's physical schema: attribute and index names only, so the CDK stack (which
 * creates the table) and the local stack (which creates it in DynamoDB Local) read the same
 * definition as the repositories.
 */
export const TABLE = {
  partitionKey: 'pk',
  sortKey: 'sk',
  /** Epoch seconds; DynamoDB TTL deletes expired items (idempotency records, sessions). */
  ttlAttribute: 'expiresAt',
  indexes: [
    { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
    { name: 'gsi2', partitionKey: 'gsi2pk', sortKey: 'gsi2sk' },
  ],
} as const;

export type IndexName = (typeof TABLE.indexes)[number]['name'];

/**
 * Tags on every per-tenant KMS key (imported signing keys): the stack's IAM conditions allow
 * signing only with keys tagged with its stage and some tenant.
 */
export const KEY_TAGS = { tenant: 'sello:tenant', stage: 'sello:stage' } as const;

/**
 * The user pool's group of registered recipients (their access tokens name it): the CDK stack and
 * the local platform create it, registration puts each recipient's user in it.
 */
export { RECIPIENT_GROUP } from '@sello/core/recipients';
