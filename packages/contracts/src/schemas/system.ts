import * as z from 'zod';

export const Health = z
  .object({
    status: z.literal('ok'),
    service: z.literal('sello'),
    version: z.string(),
    stage: z.string(),
    time: z.iso.datetime(),
  })
  .meta({ id: 'Health' });
