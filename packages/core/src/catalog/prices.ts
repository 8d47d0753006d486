import { type FieldError, ValidationError } from '../errors.ts';
import type { ProductRepository } from './product.ts';
import type { PriceEntry } from './tariff.ts';

/**
 * Checks a price list (a tariff's or a customer's): every product exists and is live, and each
 * appears once. Answers the list sorted by product id, so what is stored and read back is the same
 * whatever order the client sent.
 */
export async function checkPrices(
  products: Pick<ProductRepository, 'getMany'>,
  tenantId: string,
  prices: readonly PriceEntry[],
  path = 'prices',
): Promise<PriceEntry[]> {
  const errors: FieldError[] = [];
  const first = new Map<string, number>();
  prices.forEach((p, i) => {
    const seen = first.get(p.productId);
    if (seen === undefined) first.set(p.productId, i);
    else {
      errors.push({
        path: `${path}.${i}.productId`,
        message: `${p.productId} already has a price at ${path}.${seen}`,
      });
    }
  });
  const live = new Set(
    (await products.getMany(tenantId, [...first.keys()]))
      .filter((p) => !p.deletedAt)
      .map((p) => p.id),
  );
  prices.forEach((p, i) => {
    if (first.get(p.productId) === i && !live.has(p.productId)) {
      errors.push({ path: `${path}.${i}.productId`, message: `No product ${p.productId}` });
    }
  });
  if (errors.length) {
    errors.sort((a, b) => indexOf(a.path) - indexOf(b.path));
    throw new ValidationError(
      `Invalid prices: ${errors.map((e) => `${e.path} (${e.message})`).join('; ')}`,
      errors,
    );
  }
  return prices
    .map((p) => ({ productId: p.productId, unitPrice: p.unitPrice }))
    .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0));
}

const indexOf = (path: string) => Number(/\.(\d+)\./.exec(path)?.[1] ?? 0);
