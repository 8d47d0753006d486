import type { es } from './messages/es.ts';

export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** The shape of a catalog: every language has every key of the Spanish one, and no other. */
export type Messages = Strings<typeof es>;
