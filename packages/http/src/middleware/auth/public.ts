import type { Caller } from './caller.ts';

/** Anyone: no credentials are read (health, the self-invoicing page, registration). */
export const publicCaller: Caller<undefined> = {
  authenticate: async () => undefined,
  owner: () => 'public',
};
