import { assertValidTaxes } from '../taxes/validate-taxes.ts';
import type { CatalogDeps } from './deps.ts';
import type { Product, ProductInput } from './product.ts';

export const createProduct =
  ({ products, clock, ids }: Pick<CatalogDeps, 'products' | 'clock' | 'ids'>) =>
  async (tenantId: string, input: ProductInput): Promise<Product> => {
    assertValidTaxes(input.taxes);
    const now = clock.now().toISOString();
    const product: Product = {
      id: ids.next('prd'),
      tenantId,
      code: input.code,
      description: input.description,
      unitPrice: input.unitPrice,
      ...(input.unit ? { unit: input.unit } : {}),
      taxes: input.taxes,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await products.create(product);
    return product;
  };
