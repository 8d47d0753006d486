import type { Page, PageRequest } from '../shared/page.ts';
import type { CatalogDeps } from './deps.ts';
import type { Product } from './product.ts';

export const listProducts =
  ({ products }: Pick<CatalogDeps, 'products'>) =>
  (tenantId: string, request: PageRequest): Promise<Page<Product>> =>
    products.list(tenantId, request);
