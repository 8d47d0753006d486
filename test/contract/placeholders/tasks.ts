import type { Realise } from './context.ts';

/** Placeholders of the tasks area's sample events. */
export const realiseTasks: Realise = async (event) => event;
