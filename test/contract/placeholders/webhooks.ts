import type { Realise } from './context.ts';

/** Placeholders of the webhooks area's sample events. */
export const realiseWebhooks: Realise = async (event) => event;
