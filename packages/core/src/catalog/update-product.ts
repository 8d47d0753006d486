import { PreconditionFailedError } from '../errors.ts';
import type { CatalogDeps } from './deps.ts';
import { getProduct } from './get-product.ts';
import type { Product, ProductPatch } from './product.ts';
import { assertValidProductTaxes, catalogJurisdiction } from './product-taxes.ts';

export const updateProduct =
  (deps: Pick<CatalogDeps, 'products' | 'clock' | 'tenants'>) =>
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
    const touchesTaxes = (['taxes', 'satProductKey', 'satUnitKey', 'taxObject'] as const).some(
      (f) => patch[f] !== undefined,
    );
    const { unit: _unit, ...rest } = current;
    // An empty unit clears it: the schema has no null for it.
    const unit = patch.unit === undefined ? current.unit : patch.unit || undefined;
    const next: Product = {
      ...rest,
      ...(patch.code !== undefined ? { code: patch.code } : {}),
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      ...(patch.unitPrice !== undefined ? { unitPrice: patch.unitPrice } : {}),
      ...(patch.taxes !== undefined ? { taxes: patch.taxes } : {}),
      ...(patch.satProductKey !== undefined ? { satProductKey: patch.satProductKey } : {}),
      ...(patch.satUnitKey !== undefined ? { satUnitKey: patch.satUnitKey } : {}),
      ...(patch.taxObject !== undefined ? { taxObject: patch.taxObject } : {}),
      ...(unit ? { unit } : {}),
      version: current.version + 1,
      updatedAt: deps.clock.now().toISOString(),
    };
    // The taxes are checked with the product's keys as they will be (taxObject decides which
    // taxes a Mexican line may carry).
    if (touchesTaxes) {
      assertValidProductTaxes(next, await catalogJurisdiction(deps, tenantId));
    }
    await deps.products.update(next, current);
    return next;
  };
