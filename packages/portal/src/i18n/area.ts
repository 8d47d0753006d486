/** The same keys as `T`, every leaf a string (a translation of the Spanish one). */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/**
 * An area's own strings, Spanish first: the other languages must have every key of the Spanish
 * ones and no other. The catalogs (messages/*.ts) put each area under its own key, so areas are
 * added without touching each other's strings.
 */
export function areaMessages<T extends object>(messages: {
  es: T;
  ca: Strings<T>;
  en: Strings<T>;
}) {
  return messages;
}
