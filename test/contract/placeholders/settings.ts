import type { Realise } from './context.ts';

/** The settings samples name nothing but the tenant's API key, which events.test.ts swaps. */
export const realiseSettings: Realise = async (event) => event;
