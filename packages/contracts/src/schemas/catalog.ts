import * as z from 'zod';
import { Instant, xmlText } from './common.ts';
import { SatKeysInput, TaxInput, UnitPrice } from './money.ts';

export const ProductInput = z
  .object({
    code: z
      .string()
      .trim()
      .min(1)
      .max(50)
      .regex(/^[\w.\-/]+$/, 'Letters, digits and . - / _ only')
      .describe('Unique per tenant, e.g. an SKU'),
    description: xmlText(z.string().trim().min(1).max(500)),
    unitPrice: UnitPrice,
    unit: xmlText(z.string().trim().max(20))
      .optional()
      .describe('Unit of measure, e.g. "h", "kg", "ud"'),
    taxes: z
      .array(TaxInput)
      .max(4)
      .describe('Mexico: none when the product is not subject to tax (taxObject 01, 03, 04)'),
    ...SatKeysInput,
  })
  .strict()
  .meta({ id: 'ProductInput' });

export const ProductPatch = ProductInput.partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: 'Give at least one field to change',
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ id: 'ProductPatch' });

export const Product = ProductInput.extend({
  id: z.string(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
}).meta({ id: 'Product' });

export const PriceEntry = z
  .object({ productId: z.string().min(1).max(64), unitPrice: UnitPrice })
  .strict()
  .meta({ id: 'PriceEntry' });

export const TariffInput = z
  .object({
    name: z.string().trim().min(1).max(100),
    prices: z
      .array(PriceEntry)
      .max(5000)
      .describe('One price per product; others keep the catalog price'),
  })
  .strict()
  .meta({ id: 'TariffInput' });

export const TariffPatch = TariffInput.partial()
  .strict()
  .refine((p) => Object.keys(p).length > 0, {
    message: 'Give at least one field to change',
    when: (payload) => payload.issues.length === 0,
  })
  .meta({ id: 'TariffPatch' });

export const Tariff = TariffInput.extend({
  id: z.string(),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant,
}).meta({ id: 'Tariff' });

export const CustomerPricesInput = z
  .object({ prices: z.array(PriceEntry).max(5000) })
  .strict()
  .meta({ id: 'CustomerPricesInput' });

export const CustomerPrices = z
  .object({
    customerId: z.string(),
    prices: z.array(PriceEntry),
    updatedAt: Instant.optional(),
  })
  .meta({ id: 'CustomerPrices' });
