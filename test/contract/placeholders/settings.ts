import type { Realise } from './context.ts';

/** Placeholders of the settings area's sample events. */
export const realiseSettings: Realise = async (event) => event;
