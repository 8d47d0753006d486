import * as z from 'zod';
import { Instant, xmlText } from './common.ts';
import { Address } from './customers.ts';

const CentreName = xmlText(z.string().trim().min(1).max(120)).describe(
  'How the centre is known, printed on its invoices, e.g. "Taller Valencia Norte"',
);
const SeriesCode = z
  .string()
  .min(1)
  .max(20)
  .describe("A standard series of the tenant: this centre's invoices are numbered in it");

export const CentreInput = z
  .object({ name: CentreName, address: Address, series: SeriesCode.optional() })
  .strict()
  .meta({ id: 'CentreInput' });

export const CentrePatch = z
  .object({
    name: CentreName.optional(),
    address: Address.optional(),
    series: SeriesCode.nullable().optional().describe('`null`: the tenant’s default series again'),
  })
  .strict()
  .meta({ id: 'CentrePatch' });

export const Centre = z
  .object({
    id: z.string(),
    name: z.string(),
    address: Address,
    series: z.string().optional(),
    version: z.number().int(),
    createdAt: Instant,
    updatedAt: Instant,
  })
  .meta({ id: 'Centre' });

/** A centre as an invoice keeps it, frozen when the invoice is made. */
export const CentreSnapshot = z
  .object({ id: z.string(), name: z.string(), address: Address })
  .meta({ id: 'CentreSnapshot' });
