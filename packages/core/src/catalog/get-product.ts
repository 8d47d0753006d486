import { NotFoundError } from '../errors.ts';
import type { CatalogDeps } from './deps.ts';
import type { Product } from './product.ts';

export const getProduct =
  ({ products }: Pick<CatalogDeps, 'products'>) =>
  async (tenantId: string, id: string): Promise<Product> => {
    const product = await products.get(tenantId, id);
    if (!product || product.deletedAt) throw new NotFoundError('Product', id);
    return product;
  };
