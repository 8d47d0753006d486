import type { createTenant, startApi } from '../../support/api.ts';

/** What an area's placeholder swapper may use: the running API, the test tenant, sample files. */
export interface PlaceholderContext {
  api: Awaited<ReturnType<typeof startApi>>;
  tenant: Awaited<ReturnType<typeof createTenant>>;
  routeId: string;
  /** Reads a sample event under events/ as JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: sample events are arbitrary JSON
  load: (file: string) => any;
}

/**
 * Swaps the placeholders of one area's sample events (ids like `tsk_01kaexample…`) for real ones
 * made through the API; returns the event unchanged when it has none of them.
 */
export type Realise = (event: string, ctx: PlaceholderContext) => Promise<string>;
