import type { Strings } from './area.ts';
import type { es } from './messages/es.ts';

/** The shape of a catalog: every language has every key of the Spanish one, and no other. */
export type Messages = Strings<typeof es>;
