import { monotonicFactory } from 'ulid';
import type { IdGenerator } from './ids.ts';

const ulid = monotonicFactory();

/** `<prefix>_<ulid>` in lower case: sortable by creation time, unguessable enough for URLs. */
export const ulidIds: IdGenerator = {
  next: (prefix) => `${prefix}_${ulid().toLowerCase()}`,
};
