import type { Realise } from './context.ts';

/** Placeholders of the documents area's sample events. */
export const realiseDocuments: Realise = async (event) => event;
