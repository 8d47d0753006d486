/**
 * The mechanics every adapter of the single table shares: conditional writes that answer a lost
 * race with a domain error, paged and exhaustive queries with the one cursor encoding, and batch
 * reads and writes that ask again for what DynamoDB left unprocessed.
 */
export * from './batch.ts';
export * from './conditions.ts';
export * from './items.ts';
export * from './lease.ts';
export * from './put-new.ts';
export * from './query.ts';
