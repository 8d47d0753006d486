import { PriceEntry } from '@sello/contracts';
import * as z from 'zod';
import { renameProblemPaths } from '../../ui/ops-body.ts';
import type { Product } from './queries.ts';

export type Entry = z.output<typeof PriceEntry>;

/**
 * The form's prices, one field per product named `prices.<productId>` (an empty one keeps the
 * catalog price), checked with the API's own price rule.
 */
export const PricesByProduct = z.record(z.string(), PriceEntry.shape.unitPrice).default({});

/** The fields as the API's `prices` array. */
export const toEntries = (prices: Record<string, string>): Entry[] =>
  Object.entries(prices).map(([productId, unitPrice]) => ({ productId, unitPrice }));

/** An API error on `prices.3.unitPrice` lands on the field of the product sent third. */
export const onProductField = (error: unknown, sent: Entry[]) =>
  renameProblemPaths(error, (path) => {
    const match = /^prices\.(\d+)(\..*)?$/.exec(path);
    const entry = match ? sent[Number(match[1])] : undefined;
    return entry ? `prices.${entry.productId}` : path;
  });

export const priceFields = (products: Pick<Product, 'id'>[]) =>
  products.map((p) => `prices.${p.id}`);
