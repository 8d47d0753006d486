import type { Realise } from './context.ts';

/** Placeholders of the exchange area's sample events. */
export const realiseExchange: Realise = async (event) => event;
