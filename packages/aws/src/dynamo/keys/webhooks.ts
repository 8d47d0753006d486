/**
 * Keys of the webhooks area (webhook subscriptions and deliveries). Part of the one key design in ../keys.ts: list each
 * item's pk / sk / index keys here as that file's table does.
 */
export const webhooksKeys = {} as const;
