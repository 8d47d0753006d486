import type { TFunction } from 'i18next';

/**
 * A key made at run time (`invoices.events.${type}`): translated without the catalog's key
 * types, which run too deep for TypeScript once every area's strings are in. The catalogs still
 * match key for key (messages.ts); a missing key shows `defaultValue` or the key itself.
 */
export function translateDynamic(
  t: TFunction,
  key: string,
  options: Record<string, string> = {},
): string {
  return (t as unknown as (key: string, options: Record<string, string>) => string)(key, options);
}
