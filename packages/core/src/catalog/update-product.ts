import { PreconditionFailedError } from '../errors.ts';
import { assertValidTaxes } from '../taxes/validate-taxes.ts';
import type { CatalogDeps } from './deps.ts';
import { getProduct } from './get-product.ts';
import type { Product, ProductPatch } from './product.ts';

export const updateProduct =
  (deps: Pick<CatalogDeps, 'products' | 'clock'>) =>
  async (
    tenantId: string,
    id: string,
    patch: ProductPatch,
    expectedVersion?: number,
  ): Promise<Product> => {
    const current = await getProduct(deps)(tenantId, id);
    if (expectedVersion !== undefined && expectedVersion !== current.version) {
      throw new PreconditionFailedError(
        `Product ${id} is at version ${current.version}, not ${expectedVersion}`,
      );
    }
    if (patch.taxes !== undefined) assertValidTaxes(patch.taxes);
    const { unit: _unit, ...rest } = current;
    // An empty unit clears it: the schema has no null for it.
    const unit = patch.unit === undefined ? current.unit : patch.unit || undefined;
    const next: Product = {
      ...rest,
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.unitPrice !== undefined ? { unitPrice: patch.unitPrice } : {}),
      ...(patch.taxes !== undefined ? { taxes: patch.taxes } : {}),
      ...(unit ? { unit } : {}),
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    await deps.products.update(next, current);
    return next;
  };
