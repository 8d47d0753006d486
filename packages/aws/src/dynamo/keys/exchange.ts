/**
 * Keys of the exchange area (imports, inbox status changes, tenant settings). Part of the one key design in ../keys.ts: list each
 * item's pk / sk / index keys here as that file's table does.
 */
export const exchangeKeys = {} as const;
