/**
 * Keys of the recipients area (onboarding keys, recipient accounts and sessions). Part of the one key design in ../keys.ts: list each
 * item's pk / sk / index keys here as that file's table does.
 */
export const recipientsKeys = {} as const;
