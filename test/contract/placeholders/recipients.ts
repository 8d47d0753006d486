import type { Realise } from './context.ts';

/** Placeholders of the recipients area's sample events. */
export const realiseRecipients: Realise = async (event) => event;
