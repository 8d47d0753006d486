import type { CatalogDeps } from './deps.ts';
import { getProduct } from './get-product.ts';

/** Soft delete: the product stays for the invoices that name it, and its code is free again. */
export const deleteProduct =
  (deps: Pick<CatalogDeps, 'products' | 'clock'>) =>
  async (tenantId: string, id: string): Promise<void> => {
    const current = await getProduct(deps)(tenantId, id);
    const now = deps.clock.now().toISOString();
    await deps.products.update(
      { ...current, version: current.version + 1, updatedAt: now, deletedAt: now },
      current,
    );
  };
